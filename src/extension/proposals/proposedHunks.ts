/**
 * Where the open hunks of the open change sets are in one file as it is now — the editor's text,
 * unsaved edits included — for drawing them in place (decorations, CodeLens, hover) and for the
 * keyboard's next/previous hunk. Placed with the core's own rules (src/core/edits/placement.ts), so
 * what the editor shows as applicable is exactly what accepting would apply, and a hunk the person's
 * typing broke shows as the conflict accepting it would record.
 *
 * No `vscode` import: Node tests check it, and the activation bundle stays free of schemas.
 * Lines here are 1-based, as hunks count them.
 */
import type { ChangeSet, Hunk } from '../../core/edits/changeSet';
import { isOpen } from '../../core/edits/changeSetState';
import { hunkLines, splitText } from '../../core/edits/lines';
import { placeHunks } from '../../core/edits/placement';

/** An open hunk as the file holds it now: where its lines are, or why it no longer applies. */
export type ProposedHunk = {
  readonly set: ChangeSet;
  readonly path: string;
  readonly hunk: Hunk;
  /** The lines the hunk replaces start here (for an insertion: the line it goes before; may be one past the last line). */
  readonly startLine: number;
} & (
  | {
      readonly kind: 'applicable';
      /** How many of the file's lines it replaces (0: it only inserts). */
      readonly lineCount: number;
      /** It moved from the line it was proposed at (the person's edits above it shifted it). */
      readonly rebased: boolean;
    }
  | {
      readonly kind: 'conflict';
      /** What no longer matches, as accepting would record it. */
      readonly reason: string;
    }
);

/**
 * Every open hunk that `sets` propose for the file at `path`, placed in `text` (`undefined`: the
 * file does not exist), sorted by line. Each change set is placed on its own: two change sets may
 * propose the same lines (both are shown; accepting one makes the other a conflict or superseded).
 * A hunk whose result the file already holds is left out: there is nothing left to review.
 */
export function proposedHunks(text: string | undefined, sets: readonly ChangeSet[], path: string): ProposedHunk[] {
  const found: ProposedHunk[] = [];
  const lineTotal = text === undefined ? 0 : countLines(text);
  let lines: string[] | undefined;
  for (const set of sets) {
    for (const file of set.files.filter((candidate) => candidate.path === path)) {
      const hunks = file.hunks.filter((hunk) => isOpen(hunk.status));
      if (hunks.length === 0) continue;
      const placement = placeHunks(text, { path, baseHash: file.baseHash, hunks });
      for (const placed of placement.placed) {
        const hunk = hunks[placed.hunk] as Hunk;
        found.push({ set, path, hunk, kind: 'applicable', startLine: placed.startLine, lineCount: placed.lineCount, rebased: placed.rebased });
      }
      for (const conflict of placement.conflicts) {
        const hunk = hunks[conflict.hunk] as Hunk;
        const startLine = Math.max(1, Math.min(conflictLine(lines ??= splitText(text ?? '').lines, hunk), Math.max(1, lineTotal)));
        found.push({ set, path, hunk, kind: 'conflict', startLine, reason: conflict.reason });
      }
    }
  }
  return found.sort((a, b) => a.startLine - b.startLine || a.set.createdAt - b.set.createdAt);
}

/** The lines a proposed hunk covers in the file (0-based, end exclusive); an insertion or a conflict covers the one line it is shown at. */
export function coveredLines(proposed: ProposedHunk, lineTotal: number): { readonly start: number; readonly end: number } {
  const last = Math.max(0, lineTotal - 1);
  if (proposed.kind === 'applicable' && proposed.lineCount > 0) return { start: proposed.startLine - 1, end: proposed.startLine - 1 + proposed.lineCount };
  const line = Math.min(Math.max(0, proposed.startLine - 1), last);
  return { start: line, end: line + 1 };
}

/** The hunk that covers `line` (0-based), the first one when several do. */
export function proposedHunkAt(hunks: readonly ProposedHunk[], line: number, lineTotal: number): ProposedHunk | undefined {
  return hunks.find((proposed) => {
    const { start, end } = coveredLines(proposed, lineTotal);
    return line >= start && line < end;
  });
}

/** The next hunk after `line` (0-based) going `down` or up, wrapping round the file; undefined when there is none. */
export function neighbourHunk(hunks: readonly ProposedHunk[], line: number, lineTotal: number, direction: 'next' | 'previous'): ProposedHunk | undefined {
  const starts = hunks.map((proposed) => ({ proposed, start: coveredLines(proposed, lineTotal).start }));
  if (direction === 'next') return (starts.find((entry) => entry.start > line) ?? starts[0])?.proposed;
  return ([...starts].reverse().find((entry) => entry.start < line) ?? starts[starts.length - 1])?.proposed;
}

/** A hunk's proposed lines in a few words, for the line the editor shows after it. */
export function proposedSummary(hunk: Pick<Hunk, 'before' | 'after'>): string {
  const after = hunkLines(hunk.after);
  const before = hunkLines(hunk.before);
  if (after.length === 0) return `delete ${plural(before.length, 'line')}`;
  const first = clip((after.find((line) => line.trim() !== '') ?? after[0] ?? '').trim(), 60);
  const verb = before.length === 0 ? 'insert' : 'becomes';
  return `${verb}${after.length > 1 ? ` ${plural(after.length, 'line')}:` : ''} ${first || '(blank line)'}${after.length > 1 ? ' …' : ''}`;
}

/**
 * Where to show a hunk that no longer applies: right after its context lines above (or before those
 * below) when they are still found exactly once — the person's edits above it shift it there too —
 * else the line it was proposed at.
 */
function conflictLine(lines: readonly string[], hunk: Hunk): number {
  const above = hunk.context.above;
  const below = hunk.context.below;
  const aboveAt = above.length > 0 ? onlyOccurrence(lines, above) : undefined;
  if (aboveAt !== undefined) return aboveAt + above.length + 1;
  const belowAt = below.length > 0 ? onlyOccurrence(lines, below) : undefined;
  if (belowAt !== undefined) return Math.max(1, belowAt + 1 - hunkLines(hunk.before).length);
  return hunk.startLine;
}

function onlyOccurrence(lines: readonly string[], pattern: readonly string[]): number | undefined {
  let found: number | undefined;
  for (let start = 0; start + pattern.length <= lines.length; start++) {
    if (!pattern.every((line, offset) => lines[start + offset] === line)) continue;
    if (found !== undefined) return undefined;
    found = start;
  }
  return found;
}

function countLines(text: string): number {
  if (text === '') return 0;
  const breaks = text.match(/\r?\n/g)?.length ?? 0;
  return /\r?\n$/.test(text) ? breaks : breaks + 1;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
