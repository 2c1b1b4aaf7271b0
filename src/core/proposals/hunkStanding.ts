/**
 * Where each hunk of a change set stands against its file as it is now, for a person deciding on
 * it: its open hunks are placed exactly as accepting them would place them (all of the file's open
 * hunks together, src/core/edits/placement.ts), so what `show` says is what `accept` will do.
 */
import type { FileChange, Hunk } from '../edits/changeSet';
import { isOpen } from '../edits/changeSetState';
import { hunkPatch, type HunkSurroundings } from '../edits/hunkPatch';
import { splitText } from '../edits/lines';
import { placeHunks } from '../edits/placement';

/**
 * An open hunk `applies` (at `startLine` of the current file; `rebased` when the file's changes
 * moved it), is already held by the file (`superseded`), or is in `conflict`. A decided hunk
 * (accepted, rejected, superseded) is `decided` and not placed again.
 */
export type HunkStanding =
  | { readonly kind: 'applies'; readonly startLine: number; readonly rebased: boolean }
  | { readonly kind: 'superseded' }
  | { readonly kind: 'conflict'; readonly reason: string }
  | { readonly kind: 'decided' };

/** One hunk with its standing and its diff: against the current file where it applies, else at the line it was proposed at. */
export interface HunkView {
  readonly path: string;
  readonly hunk: Hunk;
  readonly standing: HunkStanding;
  readonly patch: string;
}

/** Unchanged lines a diff shows around a hunk. */
const contextLines = 3;

/**
 * The hunks of one file in order. `current` is the file's text (`undefined`: it does not exist), or
 * `{ unusable }` when it may not or cannot be read — then every open hunk is a conflict saying why.
 */
export function hunkViews(file: FileChange, current: string | undefined | { readonly unusable: string }): HunkView[] {
  const open = file.hunks.filter((hunk) => isOpen(hunk.status));
  const standings = new Map<string, HunkStanding>();
  const surroundings = new Map<string, HunkSurroundings>();
  if (typeof current === 'object') {
    for (const hunk of open) standings.set(hunk.id, { kind: 'conflict', reason: current.unusable });
  } else {
    const placement = placeHunks(current, { path: file.path, baseHash: file.baseHash, hunks: open });
    const { lines } = splitText(current ?? '');
    for (const placed of placement.placed) {
      const hunk = open[placed.hunk] as Hunk;
      const start = placed.startLine - 1;
      standings.set(hunk.id, { kind: 'applies', startLine: placed.startLine, rebased: placed.rebased });
      surroundings.set(hunk.id, { startLine: placed.startLine, above: lines.slice(Math.max(0, start - contextLines), start), below: lines.slice(start + placed.lineCount, start + placed.lineCount + contextLines) });
    }
    for (const index of placement.superseded) standings.set((open[index] as Hunk).id, { kind: 'superseded' });
    for (const conflict of placement.conflicts) standings.set((open[conflict.hunk] as Hunk).id, { kind: 'conflict', reason: conflict.reason });
  }
  return file.hunks.map((hunk) => ({
    path: file.path,
    hunk,
    standing: standings.get(hunk.id) ?? { kind: 'decided' },
    patch: hunkPatch(hunk, surroundings.get(hunk.id) ?? { startLine: hunk.startLine, above: hunk.context.above, below: hunk.context.below }),
  }));
}
