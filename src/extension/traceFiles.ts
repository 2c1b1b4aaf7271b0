/**
 * Which trace files Nova shows as a trace: `<workspace folder>/.nova/traces/<runId>.jsonl` only — the
 * custom editor is registered for that pattern anywhere, and a file elsewhere (another checkout, a
 * download, a symbolic link out of the folder) is told why it is not shown rather than read.
 * No `vscode` import: Node tests check it.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A run id as trace files are named. */
export const runIdPattern = /^[A-Za-z0-9._-]{1,80}$/;

/**
 * The trace file of run `runId`: in the first of `folders` (their paths on disk), where Nova's
 * server keeps traces. Throws, saying why, for no folder or a run id that is not a plain name.
 */
export function runTraceFile(folders: readonly string[], runId: string): string {
  const folder = folders[0];
  if (folder === undefined) throw new Error('open a workspace folder first: traces are kept in its .nova/traces.');
  if (!runIdPattern.test(runId) || runId.includes('..')) throw new Error(`"${runId}" is not a run id.`);
  return join(folder, '.nova', 'traces', `${runId}.jsonl`);
}

/** Why `file` is not a trace file of one of `folders` (their paths on disk); undefined when it is one. */
export function traceFileProblem(file: string, folders: readonly string[]): string | undefined {
  const name = basename(file);
  if (!name.endsWith('.jsonl') || !runIdPattern.test(name.slice(0, -'.jsonl'.length))) return `${name} is not named like a run's trace (<run id>.jsonl).`;
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  };
  const where = real(dirname(file));
  if (where === undefined) return `${file} cannot be read.`;
  if (!folders.some((folder) => real(join(folder, '.nova', 'traces')) === where)) return `${file} is not in the .nova/traces folder of a workspace folder; Nova shows only this workspace's traces.`;
  return undefined;
}
