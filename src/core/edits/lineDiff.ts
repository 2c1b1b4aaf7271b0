/**
 * Turns a before/after pair of texts into line hunks a person reviews one at a time: jsdiff matches
 * the common lines (Myers' diff), changed runs close together become one hunk, and a hunk that would
 * have an empty or ambiguous side takes neighbouring unchanged lines as anchors.
 */
import { diffArrays } from 'diff';
import { splitText } from './lines';

/** A hunk as a diff finds it: the lines from `startLine` (1-based, in the old text) and what replaces them. */
export interface LineHunk {
  readonly startLine: number;
  readonly before: string;
  readonly after: string;
}

/** The hunks that turn `oldText` into `newText`, in file order, numbered against `oldText`. */
export function hunksBetween(oldText: string, newText: string): LineHunk[] {
  const a = splitText(oldText).lines;
  const b = splitText(newText).lines;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const oldMiddle = a.slice(prefix, a.length - suffix);
  const newMiddle = b.slice(prefix, b.length - suffix);
  if (oldMiddle.length === 0 && newMiddle.length === 0) return [];
  const regions = merged(changedRegions(oldMiddle, newMiddle));
  return regions.map((region) => anchored(a, prefix + region.oldStart, oldMiddle.slice(region.oldStart, region.oldEnd), newMiddle.slice(region.newStart, region.newEnd)));
}

interface Region {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** Past this many changed lines jsdiff stops looking for common ones (its cost grows with their square). */
const maxEditLength = 4000;

/** Runs of lines that differ between `a` and `b`, from jsdiff's changes walked front to back. */
function changedRegions(a: readonly string[], b: readonly string[]): Region[] {
  const changes = diffArrays(a as string[], b as string[], { maxEditLength });
  // Texts too different to match line by line: the whole middle is one change.
  if (!changes) return [{ oldStart: 0, oldEnd: a.length, newStart: 0, newEnd: b.length }];
  const regions: Region[] = [];
  let open: Region | undefined;
  let i = 0;
  let j = 0;
  for (const change of changes) {
    const count = change.count;
    if (!change.added && !change.removed) {
      if (open) regions.push(open);
      open = undefined;
      i += count;
      j += count;
      continue;
    }
    open ??= { oldStart: i, oldEnd: i, newStart: j, newEnd: j };
    if (change.removed) open.oldEnd = i += count;
    else open.newEnd = j += count;
  }
  if (open) regions.push(open);
  return regions;
}

/**
 * Joins changes with at most three unchanged lines between them: a reader sees one edit (say,
 * imports re-sorted around a line that stayed) instead of pieces meeting at their anchors — and
 * the anchors of separate hunks (two lines at most each) can never overlap.
 */
function merged(regions: readonly Region[]): Region[] {
  const result: Region[] = [];
  for (const region of regions) {
    const last = result[result.length - 1];
    if (last && region.oldStart - last.oldEnd <= 3) {
      last.oldEnd = region.oldEnd;
      last.newEnd = region.newEnd;
    } else {
      result.push({ ...region });
    }
  }
  return result;
}

/**
 * One hunk. A side that is empty (`before`) or a single blank line would read as "no lines", so
 * unchanged neighbours are added — the line above, or below at the top of a file — until neither
 * side is ambiguous; at most two are needed.
 */
function anchored(lines: readonly string[], start: number, before: readonly string[], after: readonly string[]): LineHunk {
  const blank = (side: readonly string[]) => side.length === 1 && side[0] === '';
  const oldSide = [...before];
  const newSide = [...after];
  let first = start;
  let end = start + before.length;
  while (oldSide.length === 0 || blank(oldSide) || blank(newSide)) {
    if (first > 0) {
      first -= 1;
      oldSide.unshift(lines[first] ?? '');
      newSide.unshift(lines[first] ?? '');
    } else if (end < lines.length) {
      oldSide.push(lines[end] ?? '');
      newSide.push(lines[end] ?? '');
      end += 1;
    } else {
      break; // the whole file is this hunk: nothing left to anchor on
    }
  }
  return { startLine: first + 1, before: oldSide.join('\n'), after: newSide.join('\n') };
}
