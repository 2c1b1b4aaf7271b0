import { loadTrace } from '../core/trace/jsonl';
import { describeProblems, rollUpUsage } from '../core/trace/rollup';
import { describeSpan } from '../core/trace/spanLine';
import type { SpanNode } from '../core/trace/tree';
import { gateEvidenceLines } from './gateEvidence';
import { payloadLines } from './payloadPrinter';
import type { TerminalOutput } from './terminalOutput';
import { UsageError } from './usage';

/** `nova trace show FILE`: the run as a tree, with what each handoff carried and each gate's evidence; spans a person should look at are marked ✗. */
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
    for (const line of [...payloadLines(node.span, file), ...gateEvidenceLines(node.span)]) out.write(`${'  '.repeat(depth + 2)}${line}\n`);
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
