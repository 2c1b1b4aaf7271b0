/**
 * The editor's review state, kept in the workspace's `.nova/review/` so it outlives the server and
 * the window: `last.json` holds the last review's findings per file with a hash of the text they
 * were found in (a file whose text still has that hash need not be reviewed again), and
 * `dismissed.json` the fingerprints of findings the person dismissed. Both are written atomically.
 * They are workspace files, so untrusted: each read is validated, a file that does not parse is
 * reported and ignored, and the paths in them are for the caller to check before use.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ensureNovaIgnore } from '../workspace/novaIgnore';
import { writeFileAtomically } from '../workspace/atomicWrite';
import type { AnalyzedFinding } from './analyzer';

/** A finding with its stable identity (core/review/fingerprint.ts). */
export type FingerprintedFinding = AnalyzedFinding & { readonly fingerprint: string };

/** One file's findings, and the hash of the text they describe. */
export interface ReviewedFileState {
  readonly hash: string;
  readonly findings: readonly FingerprintedFinding[];
}

const Range = z.strictObject({ startLine: z.int().min(1), startColumn: z.int().min(0), endLine: z.int().min(1), endColumn: z.int().min(0) });
// Loose: analyzers may add fields (confidence, the analyzer that raised it) that pass through.
export const StoredFinding = z.looseObject({
  path: z.string().min(1),
  line: z.int().min(1),
  severity: z.enum(['error', 'warning', 'info', 'hint']),
  rule: z.string().min(1),
  message: z.string().min(1),
  suggestion: z.string().optional(),
  range: Range,
  evidence: z.array(z.strictObject({ path: z.string().min(1), range: Range, message: z.string() })).optional(),
  tsCode: z.int().optional(),
  fingerprint: z.string().min(1),
});
const LastReviewFile = z.strictObject({
  version: z.literal(1),
  files: z.record(z.string().min(1), z.strictObject({ hash: z.string().regex(/^[0-9a-f]{64}$/), findings: z.array(StoredFinding) })),
});
const DismissedFile = z.strictObject({ version: z.literal(1), fingerprints: z.array(z.string().min(1)) });

/** Where a folder's review state is kept. */
export function reviewStateFolder(workspaceFolder: string): string {
  return join(workspaceFolder, '.nova', 'review');
}

/** The hash a file's text is compared by. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class ReviewState {
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly workspaceFolder: string | undefined,
    private readonly files: Map<string, ReviewedFileState>,
    private readonly dismissals: Set<string>,
    /** Why a state file was ignored (it did not parse). */
    readonly problems: readonly string[],
  ) {}

  /** The state of `workspaceFolder` (undefined: a state kept in memory only, as for a server with no folder). */
  static async open(workspaceFolder: string | undefined): Promise<ReviewState> {
    const problems: string[] = [];
    const files = new Map<string, ReviewedFileState>();
    const dismissed = new Set<string>();
    if (workspaceFolder !== undefined) {
      const folder = reviewStateFolder(workspaceFolder);
      const last = await readState(join(folder, 'last.json'), LastReviewFile, problems);
      for (const [path, state] of Object.entries(last?.files ?? {})) files.set(path, state as ReviewedFileState);
      for (const fingerprint of (await readState(join(folder, 'dismissed.json'), DismissedFile, problems))?.fingerprints ?? []) dismissed.add(fingerprint);
    }
    return new ReviewState(workspaceFolder, files, dismissed, problems);
  }

  /** Each reviewed file (by workspace path) with its findings, dismissed ones included. */
  entries(): ReadonlyMap<string, ReviewedFileState> {
    return this.files;
  }

  record(path: string, hash: string, findings: readonly FingerprintedFinding[]): void {
    this.files.set(path, { hash, findings });
  }

  forget(path: string): void {
    this.files.delete(path);
  }

  isDismissed(fingerprint: string): boolean {
    return this.dismissals.has(fingerprint);
  }

  /** Dismisses a finding; false when it already was. */
  dismiss(fingerprint: string): boolean {
    if (this.dismissals.has(fingerprint)) return false;
    this.dismissals.add(fingerprint);
    return true;
  }

  /** Writes both files (one save at a time, in order); a state without a folder writes nothing. */
  save(): Promise<void> {
    const folder = this.workspaceFolder;
    if (folder === undefined) return Promise.resolve();
    const last = { version: 1, files: Object.fromEntries([...this.files].sort(([a], [b]) => a.localeCompare(b))) };
    const dismissed = { version: 1, fingerprints: [...this.dismissals].sort() };
    const write = async () => {
      ensureNovaIgnore(join(folder, '.nova'));
      await mkdir(reviewStateFolder(folder), { recursive: true });
      await writeFileAtomically(join(reviewStateFolder(folder), 'last.json'), `${JSON.stringify(last)}\n`);
      await writeFileAtomically(join(reviewStateFolder(folder), 'dismissed.json'), `${JSON.stringify(dismissed, null, 2)}\n`);
    };
    this.saving = this.saving.then(write, write);
    return this.saving;
  }
}

async function readState<T>(file: string, schema: z.ZodType<T>, problems: string[]): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`${file} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  try {
    const checked = schema.safeParse(JSON.parse(text));
    if (checked.success) return checked.data;
    problems.push(`${file} is not Nova's review state (${checked.error.issues[0]?.message ?? 'invalid'}); it was ignored.`);
  } catch (error) {
    problems.push(`${file} is not JSON (${error instanceof Error ? error.message : String(error)}); it was ignored.`);
  }
  return undefined;
}
