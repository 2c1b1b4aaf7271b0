/**
 * A span in one line, as a person scans a trace: what it is and how it went. The CLI's
 * `nova trace show` prints it; the trace panel shows it on each row of the tree.
 */
import { describeProvenance } from '../contracts/provenance';
import { oneLine } from '../oneLine';
import type { Span, SpanOfKind } from './spans';

const brief = (text: string) => oneLine(text, 100);

export function describeSpan(span: Span): string {
  switch (span.kind) {
    case 'run': return `run ${span.runId}: "${span.task}" → ${span.status}${span.rerunOf ? ` (reran from span ${span.rerunOf.spanId} of run ${span.rerunOf.runId}${span.rerunOf.edited ? ', payload edited' : ''})` : ''}`;
    case 'agent': return `${span.agent}${span.provenance && span.provenance.origin !== 'shipped' ? ` [${describeProvenance(span.provenance)}]` : ''} (received ${span.accepted}${span.from ? ` from ${span.from}` : ''}) → ${span.outcome.replace('_', ' ')}${span.returned ? ` ${span.returned}` : ''}`;
    case 'turn': return `turn ${span.index}`;
    case 'model_call': return `model ${span.model}: ${span.usage.inputTokens} in / ${span.usage.outputTokens} out, cache read ${span.usage.cacheReadTokens}, ${span.latencyMs} ms, $${span.costUsd.toFixed(4)}, ${span.stopReason}`;
    case 'reasoning': return `${span.source === 'thinking' ? 'thinking' : 'says'}: ${brief(span.text)}`;
    case 'tool_call': return `${span.tool} ${brief(JSON.stringify(span.input) ?? '')} → ${span.status}${span.status === 'ok' ? '' : `: ${brief(span.output)}`}`;
    case 'handoff': return `handoff ${span.from} → ${span.to} (${span.contract || '?'}) ${span.status}${span.detail ? `: ${brief(span.detail)}` : ''}`;
    case 'validation': return `validation of ${span.contract} (${span.direction}, attempt ${span.attempt}): ${span.verdict}${span.issues.length ? ` — ${brief(span.issues.join('; '))}` : ''}`;
    case 'decision': return `decision ${span.decision.kind} by ${span.decision.owner}: ${span.decision.outcome} (${span.decision.settledBy})`;
    case 'escalation': return `escalated to the person: ${brief(span.escalation.question)}`;
    case 'governor_stop': return `stopped (${span.report.reason}): ${brief(span.report.detail)}`;
    case 'person_change': return `the person edited the proposal for ${span.path} before accepting it: ${brief(span.summary)}`;
    case 'improve_phase': return `improve: ${span.phase} → ${span.status}, ${seconds(span.endedAt - span.startedAt)}${span.detail ? `: ${brief(span.detail)}` : ''}`;
    case 'gate': return gateLine(span);
    case 'protected_write': return span.attempt.via === 'proposal'
      ? `protected ${span.attempt.path}: ${span.attempt.agent}'s proposal refused — ${brief(span.attempt.reason)}`
      : `protected ${span.attempt.path}: changed by a command, restored from the base — ${brief(span.attempt.reason)}`;
  }
}

/** A gate as it went: its status, why, and the command with its exit code when it ran one. */
function gateLine(span: SpanOfKind<'gate'>): string {
  const { record } = span;
  const command = record.command ? ` (${brief(record.command)}${record.exitCode === undefined ? '' : `, exit ${record.exitCode}`})` : '';
  return `gate ${record.title} → ${record.status}${command}, ${seconds(record.durationMs)}: ${brief(record.summary)}`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
