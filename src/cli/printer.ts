/**
 * Prints a run as it happens: who is working, what they say (streamed), the tools they call, each
 * handoff, decision and escalation, and how the run ended. Problems are marked ✗.
 */
import { describeProvenance, type AgentProvenance } from '../core/contracts/provenance';
import type { RunEvent } from '../core/orchestrator/events';
import { oneLine } from '../core/oneLine';
import type { Span } from '../core/trace/spans';
import type { TerminalOutput } from './terminalOutput';

const brief = (text: string) => oneLine(text, 120);

export function printRunEvents(out: TerminalOutput): (event: RunEvent) => void {
  let midLine = false;
  const line = (text: string) => {
    if (midLine) out.write('\n');
    midLine = false;
    out.write(`${text}\n`);
  };
  return (event) => {
    switch (event.type) {
      case 'run_start':
        line(`Nova run ${event.runId}: ${event.task}`);
        break;
      case 'agent_start':
        line(`\n── ${event.agent}${fromWorkspace(event.provenance)} ← ${event.from} (${event.contract})`);
        break;
      case 'text_delta':
        out.write(event.text);
        midLine = !event.text.endsWith('\n');
        break;
      case 'model_retry':
        line(`   ↻ ${event.agent}'s model call is retried (attempt ${event.attempt}: ${event.reason}); its text above is void`);
        break;
      case 'span':
        printSpan(event.span, line);
        break;
      case 'decision':
        line(`   ⚖ ${event.decision.kind}: ${event.decision.outcome} — ${event.decision.owner}${fromWorkspace(event.decision.ownerProvenance)} decides (${event.decision.settledBy}${event.decision.opinions.length ? `; ${event.decision.opinions.map((o) => `${o.agent}${fromWorkspace(o.provenance)} ${o.stance}s`).join(', ')}` : ''})`);
        break;
      case 'escalation':
        line(`   ✗ escalated to you: ${event.escalation.question} Options: ${event.escalation.options.join(' | ')}`);
        break;
      case 'run_end':
        line('');
        break;
      case 'thinking_delta':
      case 'tool_input_delta':
        break;
    }
  };
}

function printSpan(span: Span, line: (text: string) => void): void {
  if (span.kind === 'tool_call') line(`   ${span.status === 'ok' ? '·' : '✗'} ${span.tool} ${brief(JSON.stringify(span.input))}${span.status === 'ok' ? '' : ` — ${span.status}: ${brief(span.output)}`}`);
  else if (span.kind === 'handoff') line(`   ${span.status === 'delivered' ? '→' : '✗'} handoff ${span.from} → ${span.to}${span.contract ? ` (${span.contract})` : ''} ${span.status}${span.reason ? `: ${brief(span.reason)}` : ''}${span.detail ? ` — ${brief(span.detail)}` : ''}`);
  else if (span.kind === 'validation' && span.verdict !== 'accepted') line(`   ✗ ${span.agent}'s ${span.contract} ${span.verdict}: ${brief(span.issues.join('; '))}`);
  else if (span.kind === 'governor_stop') line(`   ✗ stopped (${span.report.reason}): ${span.report.detail}`);
}

/** " [workspace .nova/agents/x.md]" for an agent a workspace file defined; nothing for Nova's own. */
function fromWorkspace(provenance: AgentProvenance | undefined): string {
  return provenance && provenance.origin !== 'shipped' ? ` [${describeProvenance(provenance)}]` : '';
}
