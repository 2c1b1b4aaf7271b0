/**
 * Recorded evaluation tasks (`.nova/evals/*.json`, one task a file): what to ask the team, the
 * outcome it must reach, and what it cost when the task was recorded. The evals gate replays them
 * with the team before and after an agent-definition change; the folder is a protected path, so no
 * agent can change what it is judged by. A broken file is an error that names the file and what is
 * wrong in it, never a task silently left out.
 *
 * ```json
 * { "task": { "text": "/refactor remove unused imports in src/report.ts", "files": ["src/report.ts"] },
 *   "expect": { "status": "completed", "contract": "ReviewVerdict", "mentions": ["no new errors"] },
 *   "cost": { "tokens": 41250, "usd": 0 } }
 * ```
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { RunResult } from '../orchestrator/result';
import type { RunStatus } from '../trace/spans';

/** Where the evals live, relative to the workspace folder. */
export const evalsFolder = '.nova/evals';

const runStatuses = ['completed', 'stopped', 'escalated', 'cancelled', 'unsupported'] as const satisfies readonly RunStatus[];

/** One recorded evaluation task. */
export const RecordedEval = z.strictObject({
  /** As the replay table names it; the file's name (without `.json`) when absent. */
  name: z.string().trim().min(1).optional(),
  /** What the person would ask: the text, the files it names, and the agent addressed (the front door when absent). */
  task: z.strictObject({
    text: z.string().trim().min(1, 'the task text is empty'),
    files: z.array(z.string().min(1)).optional(),
    agent: z.string().min(1).optional(),
  }),
  /** The outcome the task must reach: how the run ends, the contract of its result, strings its result mentions. */
  expect: z.strictObject({
    status: z.enum(runStatuses),
    contract: z.string().min(1).optional(),
    mentions: z.array(z.string().min(1)).optional(),
  }),
  /** What the task cost when it was recorded. */
  cost: z.strictObject({ tokens: z.int().min(0), usd: z.number().min(0) }),
});
export type RecordedEval = z.infer<typeof RecordedEval>;

/** An eval as read from its file. */
export interface LoadedEval {
  readonly name: string;
  /** Workspace-relative (`.nova/evals/refactor.json`). */
  readonly file: string;
  readonly eval: RecordedEval;
}

/** Every eval under `folder`'s `.nova/evals/` (sorted by file name), or what is wrong with the broken files. */
export async function readEvals(folder: string): Promise<{ readonly evals: LoadedEval[]; readonly problems: string[] }> {
  const directory = path.join(folder, ...evalsFolder.split('/'));
  const names = await fs.readdir(directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const evals: LoadedEval[] = [];
  const problems: string[] = [];
  for (const entry of names.filter((candidate) => candidate.name.endsWith('.json')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = `${evalsFolder}/${entry.name}`;
    if (!entry.isFile()) {
      problems.push(`${file} is not a file`);
      continue;
    }
    const read = parseEval(file, await fs.readFile(path.join(directory, entry.name), 'utf8'));
    if (read.ok) evals.push(read.value);
    else problems.push(read.problem);
  }
  return { evals, problems };
}

/** One eval file's text as an eval, or the problem, naming the file and the field. */
export function parseEval(file: string, text: string): { readonly ok: true; readonly value: LoadedEval } | { readonly ok: false; readonly problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `${file} is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = RecordedEval.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(the file)'}: ${issue.message}`);
    return { ok: false, problem: `${file} is not a valid eval: ${issues.join('; ')}` };
  }
  return { ok: true, value: { name: parsed.data.name ?? path.posix.basename(file, '.json'), file, eval: parsed.data } };
}

/** Whether a run met the eval's expected outcome, and if not, what differed (as a table cell reads it). */
export function judgeOutcome(expected: RecordedEval['expect'], result: RunResult): { readonly met: boolean; readonly shown: string } {
  const misses: string[] = [];
  if (result.status !== expected.status) misses.push(`expected ${expected.status}`);
  const submitted = result.result;
  if (expected.contract !== undefined && submitted?.contract !== expected.contract) misses.push(`result ${submitted?.contract ?? 'none'}, expected ${expected.contract}`);
  const said = submitted ? textOf(submitted.payload).toLowerCase() : '';
  for (const mention of expected.mentions ?? []) if (!said.includes(mention.toLowerCase())) misses.push(`does not mention "${mention}"`);
  return misses.length === 0 ? { met: true, shown: `met (${result.status})` } : { met: false, shown: `missed: ${result.status}, ${misses.join(', ')}` };
}

/** Every string in a payload, one a line: what "the result mentions" is matched against. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(textOf).join('\n');
  return '';
}
