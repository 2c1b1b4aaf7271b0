import { describeProvenance } from '../core/contracts/provenance';
import { loadTrace } from '../core/trace/jsonl';
import { describeProblems, rollUpUsage } from '../core/trace/rollup';
import type { Span } from '../core/trace/spans';
import type { SpanNode } from '../core/trace/tree';
import { oneLine } from '../core/oneLine';
import { payloadLines } from './payloadPrinter';
import type { TerminalOutput } from './terminalOutput';
import { UsageError } from './usage';

const brief = (text: string) => oneLine(text, 100);

/** `nova trace show FILE`: the run as a tree, with what each handoff carried; spans a person should look at are marked ✗. */
export async function traceShowCommand(file: string | undefined, out: TerminalOutput): Promise<number> {
  if (!file) throw new UsageError('nova trace show needs the trace file: nova trace show .nova/traces/<run>.jsonl');
  let loaded;
  try {
    loaded = await loadTrace(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const problems = new Map(describeProblems(loaded.spans).map((problem) => [problem.spanId, problem.summary]));
  const print = (node: SpanNode, depth: number) => {
    const mark = problems.has(node.span.id) ? '✗ ' : '';
    out.write(`${'  '.repeat(depth)}${mark}${describeSpan(node.span)}\n`);
    for (const line of payloadLines(node.span, file)) out.write(`${'  '.repeat(depth + 2)}${line}\n`);
    for (const child of node.children) print(child, depth + 1);
  };
  if (loaded.tree.root) print(loaded.tree.root, 0);
  else out.write(`(no run span: the run did not finish writing its trace)\n`);
  for (const orphan of loaded.tree.orphans) print(orphan, 1);
  const usage = rollUpUsage(loaded.spans).run;
  out.write(`\n${usage.modelCalls} model calls, ${usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheCreationTokens} tokens (cache read ${usage.cacheReadTokens}), $${usage.costUsd.toFixed(4)}\n`);
  if (problems.size > 0) out.write(`${problems.size} problem(s):\n${[...problems.values()].map((summary) => `  ✗ ${summary}`).join('\n')}\n`);
  for (const problem of loaded.problems) out.write(`damaged line ${problem.line}: ${problem.message}\n`);
  return 0;
}

function describeSpan(span: Span): string {
  switch (span.kind) {
    case 'run': return `run ${span.runId}: "${span.task}" → ${span.status}${span.rerunOf ? ` (reran from span ${span.rerunOf.spanId} of run ${span.rerunOf.runId}${span.rerunOf.edited ? ', payload edited' : ''})` : ''}`;
    case 'agent': return `${span.agent}${span.provenance && span.provenance.origin !== 'shipped' ? ` [${describeProvenance(span.provenance)}]` : ''} (received ${span.accepted}${span.from ? ` from ${span.from}` : ''}) → ${span.outcome.replace('_', ' ')}${span.returned ? ` ${span.returned}` : ''}`;
    case 'turn': return `turn ${span.index}`;
    case 'model_call': return `model ${span.model}: ${span.usage.inputTokens} in / ${span.usage.outputTokens} out, cache read ${span.usage.cacheReadTokens}, ${span.latencyMs} ms, $${span.costUsd.toFixed(4)}, ${span.stopReason}`;
    case 'reasoning': return `${span.source === 'thinking' ? 'thinking' : 'says'}: ${brief(span.text)}`;
    case 'tool_call': return `${span.tool} ${brief(JSON.stringify(span.input))} → ${span.status}${span.status === 'ok' ? '' : `: ${brief(span.output)}`}`;
    case 'handoff': return `handoff ${span.from} → ${span.to} (${span.contract || '?'}) ${span.status}${span.detail ? `: ${brief(span.detail)}` : ''}`;
    case 'validation': return `validation of ${span.contract} (${span.direction}, attempt ${span.attempt}): ${span.verdict}${span.issues.length ? ` — ${brief(span.issues.join('; '))}` : ''}`;
    case 'decision': return `decision ${span.decision.kind} by ${span.decision.owner}: ${span.decision.outcome} (${span.decision.settledBy})`;
    case 'escalation': return `escalated to the person: ${brief(span.escalation.question)}`;
    case 'governor_stop': return `stopped (${span.report.reason}): ${brief(span.report.detail)}`;
    case 'person_change': return `the person edited the proposal for ${span.path} before accepting it: ${brief(span.summary)}`;
  }
}
