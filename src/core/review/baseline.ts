/**
 * The review baseline: `.nova/review-baseline.json`, the findings a team has accepted as they are
 * (`nova review --update-baseline`), by fingerprint (fingerprint.ts) with their rule and path so a
 * person can read it. A finding in the baseline is not reported while the code it flags is
 * unchanged; a new finding, or one whose flagged text changed, is. The file is meant to be
 * committed, so it is written sorted and pretty-printed (small diffs), and atomically.
 *
 * The workspace is untrusted: a baseline that is a symbolic link, or that sits in a `.nova` that
 * is one, is neither read nor written.
 */
import { lstat, mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../workspace/atomicWrite';

/** Where the baseline lives, relative to the workspace folder. */
export const baselineFile = '.nova/review-baseline.json';

const BaselineEntry = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/, 'a 32-digit hex fingerprint'),
  rule: z.string().min(1),
  path: z.string().min(1),
});
const BaselineFile = z.object({
  version: z.literal(1),
  note: z.string().optional(),
  findings: z.array(BaselineEntry),
});

export type BaselineEntry = z.infer<typeof BaselineEntry>;

/** The accepted findings, by fingerprint. */
export interface ReviewBaseline {
  readonly entries: readonly BaselineEntry[];
}

/** A baseline file that cannot be used: the person fixes or deletes it. */
export class BaselineError extends Error {}

const note = 'Written by nova review --update-baseline: accepted findings, not reported while the code they flag is unchanged.';

/** Parses a baseline file's text; throws a BaselineError naming the first problem. */
export function parseBaseline(text: string): ReviewBaseline {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${baselineFile} is not JSON (${(error as Error).message}); fix it, or delete it and run nova review --update-baseline`);
  }
  const parsed = BaselineFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BaselineError(`${baselineFile} is not a review baseline: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  return { entries: parsed.data.findings };
}

/** The baseline's text as written: sorted by path, rule and fingerprint, one entry per fingerprint. */
export function baselineText(baseline: ReviewBaseline): string {
  const unique = new Map(baseline.entries.map((entry) => [entry.fingerprint, { fingerprint: entry.fingerprint, rule: entry.rule, path: entry.path }]));
  const findings = [...unique.values()].sort((a, b) => compare(a.path, b.path) || compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint));
  return `${JSON.stringify({ version: 1, note, findings }, null, 2)}\n`;
}

/** The workspace's baseline; an empty one when there is no file. Throws a BaselineError for a file that cannot be used. */
export async function readBaseline(workspaceFolder: string): Promise<ReviewBaseline> {
  const file = await checkedLocation(workspaceFolder);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [] };
    throw new BaselineError(`${baselineFile} cannot be read: ${(error as Error).message}`);
  }
  return parseBaseline(text);
}

/** The baseline of `workspaceFolder` for a review that goes on without it when its file cannot be used (a problem says why). */
export async function baselineOrNone(workspaceFolder: string | undefined, problems: string[]): Promise<ReviewBaseline> {
  if (workspaceFolder === undefined) return { entries: [] };
  try {
    return await readBaseline(workspaceFolder);
  } catch (error) {
    problems.push(`${error instanceof BaselineError ? error.message : `The review baseline cannot be read: ${String(error)}`}; reviewed without it`);
    return { entries: [] };
  }
}

/** Writes the baseline atomically (a temporary file renamed over the old one). */
export async function writeBaseline(workspaceFolder: string, baseline: ReviewBaseline): Promise<void> {
  const file = await checkedLocation(workspaceFolder);
  await mkdir(path.dirname(file), { recursive: true });
  await checkedLocation(workspaceFolder);
  await writeFileAtomically(file, baselineText(baseline));
}

/**
 * The baseline after a review of `reviewedPaths`: the entries of the files reviewed are replaced
 * by `findings` (fixed ones drop out), and those of files this review did not cover are kept, so
 * `--update-baseline` on a part of the workspace does not forget the rest.
 */
export function updatedBaseline(previous: ReviewBaseline, reviewedPaths: ReadonlySet<string>, findings: readonly BaselineEntry[]): ReviewBaseline {
  const kept = previous.entries.filter((entry) => !reviewedPaths.has(entry.path));
  return { entries: [...kept, ...findings.map(({ fingerprint, rule, path: at }) => ({ fingerprint, rule, path: at }))] };
}

/** Findings not in the baseline (reported) and those in it (baselined), each in the order given. */
export function splitByBaseline<F extends { readonly fingerprint: string }>(findings: readonly F[], baseline: ReviewBaseline): { fresh: F[]; baselined: F[] } {
  const known = new Set(baseline.entries.map((entry) => entry.fingerprint));
  const fresh: F[] = [];
  const baselined: F[] = [];
  for (const found of findings) (known.has(found.fingerprint) ? baselined : fresh).push(found);
  return { fresh, baselined };
}

/** The baseline's path, refused when `.nova` or the file is a symbolic link (it could lead outside the workspace). */
async function checkedLocation(workspaceFolder: string): Promise<string> {
  const folder = path.join(workspaceFolder, '.nova');
  const file = path.join(workspaceFolder, baselineFile);
  for (const at of [folder, file]) {
    const stats = await lstat(at).catch(() => undefined);
    if (stats?.isSymbolicLink()) throw new BaselineError(`${path.relative(workspaceFolder, at)} is a symbolic link; Nova reads and writes the baseline only inside the workspace`);
    if (at === file && stats && !stats.isFile()) throw new BaselineError(`${baselineFile} is not a regular file`);
  }
  return file;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
