/**
 * A checkpoint: the content some files had at one moment, kept so a person can go back to it. It is
 * taken before Nova writes to those files (an accepted hunk, a restore) from the text the caller
 * hands over — the editor's buffers, unsaved edits included — so nothing is read behind its back.
 *
 * Paths are relative to the workspace folder the store belongs to, with `/` separators, and are
 * untrusted whenever they are read back (a store on disk can be edited): every store checks them,
 * and whoever writes them resolves them through the workspace sandbox first (see ./files.ts).
 */
import { z } from 'zod';
import { oneLine } from '../oneLine';
import { proposablePathProblem } from '../workspace/proposablePath';
import { checkpointIdPattern } from './checkpointId';
import { CheckpointRefused } from './errors';

/** One file in a checkpoint. */
export interface CheckpointFile {
  /** Relative to the store's folder, `/` separators. */
  readonly path: string;
  /** The file's whole text; `undefined`: the file did not exist then, and restoring deletes it. */
  readonly text: string | undefined;
}

/** What a listing shows of a checkpoint: everything but the texts. */
export interface CheckpointSummary {
  /** Safe as a git ref name and a file name (see ./checkpointId.ts). */
  readonly id: string;
  /** What the checkpoint was taken before, as a person reads it ("before accepting 2 hunks in src/a.ts"). */
  readonly label: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  /** Every file it holds, in the order they were given. */
  readonly paths: readonly string[];
}

/** A whole checkpoint, as `CheckpointStore.read` returns it. */
export interface Checkpoint extends Omit<CheckpointSummary, 'paths'> {
  readonly files: readonly CheckpointFile[];
}

/** A label is shown on one line in a picker; this is as long as it may be. */
export const maxLabelLength = 200;

/** A path as a checkpoint may hold it: what a change proposal may name (plain, relative, not protected). */
export const CheckpointPath = z.string().superRefine((value, context) => {
  const problem = proposablePathProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: `${JSON.stringify(value)} ${problem}` });
});

/** The schema of what every store keeps about a checkpoint besides the texts (git: the commit message; snapshot: `<id>.json`). */
export const CheckpointMetadataSchema = z.object({
  format: z.literal('nova-checkpoint/1'),
  id: z.string().regex(checkpointIdPattern),
  label: z.string().min(1).max(maxLabelLength),
  createdAt: z.int().min(0),
  /** Every path, in order. */
  paths: z.array(CheckpointPath),
  /** The paths whose file did not exist (a subset of `paths`). */
  absent: z.array(CheckpointPath),
});

/** What a store writes beside the texts; read back through `CheckpointMetadataSchema`. */
export type CheckpointMetadata = z.infer<typeof CheckpointMetadataSchema>;

/**
 * Checks what a caller asks to keep, before anything is written: a label that is not blank, at least
 * one file, every path proposable and named once. Throws `CheckpointRefused` naming each problem.
 */
export function checkCheckpointRequest(label: string, files: readonly CheckpointFile[]): void {
  const problems: string[] = [];
  if (label.trim() === '') problems.push('the label is empty');
  if (files.length === 0) problems.push('no file was given');
  const seen = new Set<string>();
  for (const file of files) {
    const problem = proposablePathProblem(file.path);
    if (problem) problems.push(`${JSON.stringify(file.path)} ${problem}`);
    else if (seen.has(file.path)) problems.push(`${JSON.stringify(file.path)} is given twice`);
    seen.add(file.path);
  }
  if (problems.length > 0) throw new CheckpointRefused(`The checkpoint was not taken: ${problems.join('; ')}.`);
}

/** The metadata a store keeps for a new checkpoint; the label on one line, shortened to `maxLabelLength` (a change set's summary can be long). */
export function checkpointMetadata(id: string, label: string, createdAt: number, files: readonly CheckpointFile[]): CheckpointMetadata {
  return {
    format: 'nova-checkpoint/1',
    id,
    label: oneLine(label, maxLabelLength),
    createdAt,
    paths: files.map((file) => file.path),
    absent: files.filter((file) => file.text === undefined).map((file) => file.path),
  };
}

/** Newest first; ids break ties (they sort by creation time too). */
export function newestFirst(a: CheckpointSummary, b: CheckpointSummary): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * Metadata read back from a store, checked: the schema, the id it names (the ref's or the file's),
 * absent files among the paths, no path twice. Returns why it is not a checkpoint otherwise.
 */
export function parseCheckpointMetadata(json: unknown, id: string): CheckpointMetadata | string {
  const parsed = CheckpointMetadataSchema.safeParse(json);
  if (!parsed.success) return `not a Nova checkpoint (${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'metadata'}: ${issue.message}`).join('; ')})`;
  const metadata = parsed.data;
  if (metadata.id !== id) return `it names checkpoint "${metadata.id}"`;
  const unlisted = metadata.absent.filter((path) => !metadata.paths.includes(path));
  if (unlisted.length > 0) return `absent files that are not among its paths: ${unlisted.join(', ')}`;
  if (new Set(metadata.paths).size !== metadata.paths.length) return 'a path is listed twice';
  return metadata;
}

/** What a listing shows of stored metadata. */
export function summaryOf(metadata: CheckpointMetadata): CheckpointSummary {
  return { id: metadata.id, label: metadata.label, createdAt: metadata.createdAt, paths: metadata.paths };
}
