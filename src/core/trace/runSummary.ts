/**
 * Ended runs, read back from the workspace's trace files: what was asked, how it ended, what it cost.
 * A run whose process died before its run span was written has status `unknown`.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadTrace } from './jsonl';
import { describeProblems, rollUpUsage } from './rollup';
import type { RunStatus } from './spans';

/** One ended run as a list shows it. */
export interface TracedRun {
  readonly runId: string;
  readonly task: string;
  readonly status: RunStatus | 'unknown';
  readonly startedAt: number;
  readonly endedAt?: number;
  readonly entryAgent?: string;
  readonly usage: { readonly steps: number; readonly tokens: number; readonly costUsd: number };
  /** How many places the run went sideways (see describeProblems). */
  readonly problems: number;
  /** The run this one reran from a handoff of. */
  readonly rerunOf?: string;
}

/** The newest `limit` runs traced in `<folder>/.nova/traces`, newest first; unreadable files are skipped. */
export async function listTracedRuns(folder: string, limit: number, skip: ReadonlySet<string> = new Set()): Promise<TracedRun[]> {
  const directory = join(folder, '.nova', 'traces');
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.jsonl') && !skip.has(name.slice(0, -'.jsonl'.length)));
  } catch {
    return []; // no traces yet
  }
  const files = await Promise.all(names.map(async (name) => ({ file: join(directory, name), modified: await stat(join(directory, name)).then((s) => s.mtimeMs, () => 0) })));
  const newest = files.sort((a, b) => b.modified - a.modified).slice(0, limit);
  const runs: TracedRun[] = [];
  for (const { file, modified } of newest) {
    const trace = await loadTrace(file).catch(() => undefined);
    if (!trace) continue;
    const run = trace.spans.find((span) => span.kind === 'run');
    const usage = rollUpUsage(trace.spans).run;
    const summary = { steps: usage.modelCalls, tokens: usage.inputTokens + usage.outputTokens, costUsd: usage.costUsd };
    const problems = describeProblems(trace.spans).length;
    runs.push(
      run?.kind === 'run'
        ? { runId: trace.runId, task: run.task, status: run.status, startedAt: run.startedAt, endedAt: run.endedAt, entryAgent: run.entryAgent, usage: summary, problems, ...(run.rerunOf ? { rerunOf: run.rerunOf.runId } : {}) }
        : { runId: trace.runId, task: '(the run did not finish; its trace is partial)', status: 'unknown', startedAt: Math.min(modified, ...trace.spans.map((span) => span.startedAt)), usage: summary, problems },
    );
  }
  return runs.sort((a, b) => b.startedAt - a.startedAt);
}
