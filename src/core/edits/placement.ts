/**
 * Where a proposal's hunks go in a file as it is now — unsaved edits and other accepted hunks
 * included — and the exact text edits that apply them. Never a silent misapply, never a partial
 * hunk: each hunk is placed exactly, rebased, found already applied, or reported as a conflict.
 *
 * - The file is the text it was proposed against (its hash is `baseHash`): a hunk goes at its
 *   `startLine`, where `before` must be exactly the file's lines.
 * - The file changed since: the hunk's `before` with its unchanged context lines around it must be
 *   found exactly once in the file; it is rebased there (lines shifted by the person's edits). Found
 *   nowhere, but the hunk's result is there exactly once: it is `superseded` (already applied).
 *   Otherwise — its lines or their neighbours were edited, or the text is ambiguous — a conflict.
 * - A hunk without a recorded base (a proposal checked as it is made, or one stored by an older
 *   Nova) is taken at its word: exactly at `startLine`, or a conflict.
 */
import { textHash } from './textHash';
import { hunkLines, splitText } from './lines';

/** What placing a hunk needs to know about it. */
export interface PlaceableHunk {
  readonly id?: string;
  readonly startLine: number;
  readonly before: string;
  readonly after: string;
  readonly context?: { readonly above: readonly string[]; readonly below: readonly string[] };
}

/** A character range of the current text and what replaces it. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A hunk placed in the current text: its first line there (1-based) and the edit that applies it. */
export interface PlacedHunk {
  /** Index of the hunk in the list given. */
  readonly hunk: number;
  readonly startLine: number;
  readonly lineCount: number;
  /** The hunk moved from the line it was proposed at. */
  readonly rebased: boolean;
  readonly edit: TextEdit;
}

/** A hunk that cannot be applied to the file as it is, and why. The one conflict type of Nova's change model. */
export interface HunkConflict {
  readonly path: string;
  /** Index of the hunk in the list given. */
  readonly hunk: number;
  readonly hunkId?: string;
  readonly startLine: number;
  readonly reason: string;
}

/** Where each hunk of one file goes: placed, already applied, or in conflict. */
export interface Placement {
  readonly placed: PlacedHunk[];
  /** Indexes of hunks whose result the file already holds. */
  readonly superseded: number[];
  readonly conflicts: HunkConflict[];
}

/** One file's hunks, and the hash of the text they were proposed against (`undefined`: not recorded). */
export interface PlaceableFile {
  readonly path: string;
  readonly baseHash?: string | null | undefined;
  readonly hunks: readonly PlaceableHunk[];
}

/**
 * Places every hunk in `current` (`undefined`: the file does not exist). Hunks that would overlap
 * one placed before them conflict, so the edits returned never overlap.
 */
export function placeHunks(current: string | undefined, file: PlaceableFile): Placement {
  const text = current ?? '';
  const { lines, eol, finalNewline } = splitText(text);
  const offsets = lineOffsets(text, lines);
  const unchanged = file.baseHash === undefined || (file.baseHash === null ? current === undefined : current !== undefined && textHash(text) === file.baseHash);
  const placed: PlacedHunk[] = [];
  const superseded: number[] = [];
  const conflicts: HunkConflict[] = [];
  const conflict = (index: number, hunk: PlaceableHunk, reason: string) =>
    conflicts.push({ path: file.path, hunk: index, ...(hunk.id === undefined ? {} : { hunkId: hunk.id }), startLine: hunk.startLine, reason });
  if (file.baseHash !== undefined && file.baseHash !== null && current === undefined) {
    file.hunks.forEach((hunk, index) => conflict(index, hunk, 'the file no longer exists'));
    return { placed, superseded, conflicts };
  }
  file.hunks.forEach((hunk, index) => {
    const before = hunkLines(hunk.before);
    const found = unchanged || file.baseHash === undefined ? atStartLine(lines, hunk, before) : relocated(lines, hunk, before);
    if ('superseded' in found) return void superseded.push(index);
    if ('reason' in found) return void conflict(index, hunk, found.reason);
    const end = found.start + before.length;
    const overlapping = placed.find((other) => found.start < other.startLine - 1 + other.lineCount && other.startLine - 1 < Math.max(end, found.start + 1));
    if (overlapping) return void conflict(index, hunk, `overlaps hunk ${overlapping.hunk + 1} (line ${overlapping.startLine})`);
    placed.push({
      hunk: index,
      startLine: found.start + 1,
      lineCount: before.length,
      rebased: found.start + 1 !== hunk.startLine,
      edit: lineEdit(text, offsets, lines.length, { eol, finalNewline }, found.start, before.length, hunkLines(hunk.after)),
    });
  });
  return { placed, superseded, conflicts };
}

/** The text with the placed hunks' edits made (the edits do not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** Applies every hunk that can be placed; the others are returned as conflicts (or superseded) and change nothing. */
export function applyHunks(current: string | undefined, file: PlaceableFile): Placement & { readonly text: string } {
  const placement = placeHunks(current, file);
  return { ...placement, text: applyEdits(current ?? '', placement.placed.map((placed) => placed.edit)) };
}

type Found = { readonly start: number } | { readonly superseded: true } | { readonly reason: string };

function atStartLine(lines: readonly string[], hunk: PlaceableHunk, before: readonly string[]): Found {
  const start = hunk.startLine - 1;
  if (start > lines.length) return { reason: `startLine ${hunk.startLine} is outside the file (${lines.length} lines)` };
  if (start + before.length > lines.length) return { reason: `the hunk's ${before.length} lines run past the end of the file (${lines.length} lines)` };
  for (let offset = 0; offset < before.length; offset++) {
    const actual = lines[start + offset] ?? '';
    const expected = before[offset] ?? '';
    if (actual !== expected) return { reason: `line ${start + offset + 1} is ${JSON.stringify(clip(actual))}, but the hunk expects ${JSON.stringify(clip(expected))}` };
  }
  return { start };
}

function relocated(lines: readonly string[], hunk: PlaceableHunk, before: readonly string[]): Found {
  const above = hunk.context?.above ?? [];
  const below = hunk.context?.below ?? [];
  const starts = occurrences(lines, [...above, ...before, ...below]);
  if (starts === undefined) return { reason: 'the file changed, and the hunk has no lines to find it by' };
  if (starts.length === 1) return { start: (starts[0] as number) + above.length };
  if (starts.length > 1) return { reason: `the file changed, and the hunk's lines are found ${starts.length} times (lines ${starts.map((start) => start + above.length + 1).join(', ')}): which one is meant is not certain` };
  const applied = occurrences(lines, [...above, ...hunkLines(hunk.after), ...below]);
  if (applied?.length === 1) return { superseded: true };
  return { reason: `the file changed at these lines since the proposal (line ${hunk.startLine}${before.length > 0 ? `, ${JSON.stringify(clip(before[0] ?? ''))}` : ''})` };
}

/** Where `pattern` starts in `lines`; undefined for an empty pattern (it would be found everywhere). */
function occurrences(lines: readonly string[], pattern: readonly string[]): number[] | undefined {
  if (pattern.length === 0) return undefined;
  const starts: number[] = [];
  const first = pattern[0];
  for (let start = 0; start + pattern.length <= lines.length; start++) {
    if (lines[start] !== first) continue;
    let offset = 1;
    while (offset < pattern.length && lines[start + offset] === pattern[offset]) offset++;
    if (offset === pattern.length) starts.push(start);
  }
  return starts;
}

/** Where each line starts in `text`, and where the text ends: `offsets[lines.length]`. */
function lineOffsets(text: string, lines: readonly string[]): number[] {
  const offsets = [0];
  let at = 0;
  for (const line of lines) {
    at += line.length;
    if (text.startsWith('\r\n', at)) at += 2;
    else if (text[at] === '\n') at += 1;
    offsets.push(at);
  }
  return offsets;
}

/**
 * The edit replacing `count` lines from `start` (0-based) with `after`, touching nothing else: the
 * lines kept keep their own line breaks, and the file keeps ending (or not) with a line break.
 */
function lineEdit(text: string, offsets: readonly number[], lineCount: number, shape: { eol: string; finalNewline: boolean }, start: number, count: number, after: readonly string[]): TextEdit {
  const from = offsets[start] ?? text.length;
  const to = offsets[start + count] ?? text.length;
  const reachesEnd = start + count === lineCount;
  // The last line has no line break to take with it: the new last line must not gain one, and a
  // deletion up to the end takes the break before it instead.
  if (reachesEnd && !shape.finalNewline && lineCount > 0) {
    if (count === 0) return { start: text.length, end: text.length, text: after.length === 0 ? '' : shape.eol + after.join(shape.eol) };
    if (after.length > 0) return { start: from, end: text.length, text: after.join(shape.eol) };
    const previousEnd = start === 0 ? 0 : (offsets[start - 1] ?? 0) + (lineText(text, offsets, start - 1).length);
    return { start: previousEnd, end: text.length, text: '' };
  }
  return { start: from, end: to, text: after.map((line) => line + shape.eol).join('') };
}

function lineText(text: string, offsets: readonly number[], line: number): string {
  return text.slice(offsets[line] ?? 0, offsets[line + 1] ?? text.length).replace(/\r?\n$/, '');
}

function clip(line: string): string {
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
