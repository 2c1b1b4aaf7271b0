/**
 * `nova review`: Nova's offline review (its analyzers and TypeScript's diagnostics; no model) of a
 * workspace folder, or of paths in it, or of the files changed against HEAD (`--changed`), printed
 * as text, JSON, SARIF or Markdown (src/cli/review/), to stdout or `--output FILE`. Findings an
 * inline `nova-ignore` comment suppresses or the baseline holds are counted, not reported;
 * `--update-baseline` accepts every finding reported now. The exit code follows `--fail-on`.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { inertText } from '../core/inertText';
import { nodeWorkspaceFiles } from '../core/host/nodeFiles';
import { BaselineError, baselineFile, readBaseline, updatedBaseline, writeBaseline } from '../core/review/baseline';
import { changedFiles } from '../core/review/changedFiles';
import { reviewWithSuppressions, type FilteredReview } from '../core/review/filteredReview';
import { isTypeScriptSource } from '../core/typescript/sourceScope';
import { WorkspaceSandbox } from '../core/workspace/sandbox';
import { jsonFormat } from './review/jsonFormat';
import { markdownFormat } from './review/markdownFormat';
import type { ReviewReport } from './review/reviewReport';
import { sarifFormat } from './review/sarifFormat';
import { textFormat, textSummary } from './review/textFormat';
import { workspaceFolder } from './setup';
import type { TerminalOutput } from './terminalOutput';
import { exitCodes, UsageError } from './usage';

export interface ReviewOptions {
  /** Files or folders to review, relative to the workspace folder (or absolute, inside it); none: all of it. */
  readonly paths: readonly string[];
  readonly workspace: string | undefined;
  readonly changed: boolean | undefined;
  readonly format: string | undefined;
  readonly output: string | undefined;
  readonly failOn: string | undefined;
  readonly updateBaseline: boolean | undefined;
}

const formats = { text: textFormat, json: jsonFormat, sarif: sarifFormat, markdown: markdownFormat } as const;
type Format = keyof typeof formats;
const failOnLevels = ['error', 'warning', 'never'] as const;
type FailOn = (typeof failOnLevels)[number];

/** Reviews, prints or writes the report, and returns the exit code `--fail-on` asks for. */
export async function reviewCommand(options: ReviewOptions, out: TerminalOutput, signal: AbortSignal): Promise<number> {
  const format = oneOf('--format', options.format ?? 'text', Object.keys(formats) as Format[]);
  const failOn = oneOf('--fail-on', options.failOn ?? 'error', failOnLevels);
  const folder = workspaceFolder(options.workspace);
  const sandbox = await WorkspaceSandbox.create([folder], nodeWorkspaceFiles);
  const requested = await existingPaths(sandbox, options.paths);
  const baseline = await usable(readBaseline(folder));
  const scope = options.changed ? await changedScope(sandbox, requested) : requested.length > 0 ? requested.map((item) => item.display) : ['.'];
  let review: FilteredReview = scope.length === 0 ? { files: [], findings: [], suppressed: [], baselined: [], problems: [] } : await reviewWithSuppressions(sandbox, scope, signal, true, baseline);
  let note = '';
  if (options.updateBaseline) {
    const accepted = [...review.baselined, ...review.findings].filter((found) => found.fingerprint !== '');
    await usable(writeBaseline(folder, updatedBaseline(baseline, new Set(review.files), accepted)));
    note = `Baseline: ${accepted.length} finding${accepted.length === 1 ? '' : 's'} accepted in ${baselineFile}.\n`;
    review = { ...review, findings: review.findings.filter((found) => found.fingerprint === ''), baselined: accepted };
  }
  const report: ReviewReport = { folder, review };
  const rendered = formats[format](report);
  if (options.output) {
    const file = path.resolve(options.output);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, inertText(rendered));
    out.write(`${textSummary(report)}${note}Report (${format}): ${file}\n`);
  } else {
    out.write(rendered);
    if (format === 'text' || format === 'markdown') out.write(note);
  }
  return exitCode(review, failOn);
}

/** 1 when a finding is at or above the `--fail-on` severity, else 0. */
export function exitCode(review: FilteredReview, failOn: FailOn): number {
  const failing = failOn === 'never' ? [] : failOn === 'error' ? ['error'] : ['error', 'warning'];
  return review.findings.some((found) => failing.includes(found.severity)) ? exitCodes.failed : exitCodes.done;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} ${value}: use one of ${allowed.join(', ')}`);
  return value as T;
}

/** Each path the person named, resolved in the workspace; one that is refused or does not exist is a usage error. */
async function existingPaths(sandbox: WorkspaceSandbox, paths: readonly string[]): Promise<{ display: string; real: string }[]> {
  const found: { display: string; real: string }[] = [];
  for (const requested of paths) {
    const resolved = await sandbox.resolve(requested);
    if (!resolved.ok) throw new UsageError(`${requested}: ${resolved.reason}`);
    if (!(await sandbox.files.stat(resolved.path))) throw new UsageError(`${requested}: no such file or folder in ${sandbox.folders[0] ?? 'the workspace'}`);
    found.push({ display: sandbox.displayPath(resolved), real: resolved.path });
  }
  return found;
}

/** The TypeScript sources changed against HEAD (under the paths named, if any), as workspace paths. */
async function changedScope(sandbox: WorkspaceSandbox, under: readonly { real: string }[]): Promise<string[]> {
  const [folder] = sandbox.folders;
  if (folder === undefined) return [];
  const changed = await changedFiles(folder);
  if (!changed.ok) throw new UsageError(`--changed: ${changed.reason}`);
  const scope: string[] = [];
  for (const file of changed.files) {
    if (!isTypeScriptSource(file)) continue;
    if (under.length > 0 && !under.some((item) => file === item.real || file.startsWith(`${item.real}${path.sep}`))) continue;
    if (!(await stat(file).catch(() => undefined))?.isFile()) continue;
    const location = sandbox.locate(file);
    if (location) scope.push(sandbox.displayPath(location));
  }
  return scope;
}

/** A baseline problem is the person's to fix: one line, exit code 2. */
async function usable<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }
}
