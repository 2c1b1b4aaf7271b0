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
 *   A hunk that began or ended the file, with no context on that side, and puts lines there is found
 *   only at the top or at the end (as GNU patch does); any hunk is found already applied only when
 *   its result is bounded on both sides, by context or by the file's edge.
 * - A hunk without a recorded base (a proposal checked as it is made, or one stored by an older
 *   Nova) is taken at its word: exactly at `startLine`, or a conflict.
 * - Hunks never share a line; insertions at the same place keep the order they are given in. In a
 *   file without a final newline, the edits together keep it that way (the last line's missing
 *   break is taken off whichever edit ends the file).
 */
import { textHash } from './textHash';
import { hunkLines, splitText, type SplitText } from './lines';

/** What placing a hunk needs to know about it. */
export interface PlaceableHunk {
  readonly id?: string;
  readonly startLine: number;
  readonly before: string;
  readonly after: string;
  readonly context?: { readonly above: readonly string[]; readonly below: readonly string[]; readonly endOfFile?: true | undefined };
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
  const shape = splitText(text);
  const { lines } = shape;
  const spots: Spot[] = [];
  const superseded: number[] = [];
  const conflicts: HunkConflict[] = [];
  const conflict = (index: number, hunk: PlaceableHunk, reason: string) =>
    conflicts.push({ path: file.path, hunk: index, ...(hunk.id === undefined ? {} : { hunkId: hunk.id }), startLine: hunk.startLine, reason });
  if (file.baseHash !== undefined && file.baseHash !== null && current === undefined) {
    file.hunks.forEach((hunk, index) => conflict(index, hunk, 'the file no longer exists'));
    return { placed: [], superseded, conflicts };
  }
  const unchanged = file.baseHash === undefined || (file.baseHash === null ? current === undefined : textHash(text) === file.baseHash);
  file.hunks.forEach((hunk, index) => {
    const before = hunkLines(hunk.before);
    const found = unchanged ? atStartLine(lines, hunk.startLine, before) : relocated(lines, hunk, before);
    if ('superseded' in found) return void superseded.push(index);
    if ('reason' in found) return void conflict(index, hunk, found.reason);
    const spot: Spot = { hunk: index, start: found.start, count: before.length, after: hunkLines(hunk.after), rebased: found.start + 1 !== hunk.startLine };
    const overlapping = spots.find((other) => overlap(spot, other));
    if (overlapping) return void conflict(index, hunk, `overlaps hunk ${overlapping.hunk + 1} (line ${overlapping.start + 1})`);
    spots.push(spot);
  });
  const edits = lineEdits(text, shape, spots);
  const placed = spots.map((spot, at): PlacedHunk => ({ hunk: spot.hunk, startLine: spot.start + 1, lineCount: spot.count, rebased: spot.rebased, edit: edits[at] as TextEdit }));
  return { placed, superseded, conflicts };
}

/**
 * The text with the placed hunks' edits made (the edits do not overlap). Of two edits at one place,
 * the one given first ends up first, as in the editor's WorkspaceEdit.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  const fromTheEnd = edits.map((edit, order) => ({ edit, order })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.order - a.order);
  for (const { edit } of fromTheEnd) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** Applies every hunk that can be placed; the others are returned as conflicts (or superseded) and change nothing. */
export function applyHunks(current: string | undefined, file: PlaceableFile): Placement & { readonly text: string } {
  const placement = placeHunks(current, file);
  return { ...placement, text: applyEdits(current ?? '', placement.placed.map((placed) => placed.edit)) };
}

/**
 * Why a hunk's `before` is not the file's lines at `startLine` (1-based), or undefined when it is.
 * Also how a proposal's hunks are checked as they are made.
 */
export function mismatchAt(lines: readonly string[], startLine: number, before: readonly string[]): string | undefined {
  const start = startLine - 1;
  if (start > lines.length) return `startLine ${startLine} is outside the file (${lines.length} lines)`;
  if (start + before.length > lines.length) return `the hunk's ${before.length} lines run past the end of the file (${lines.length} lines)`;
  for (let offset = 0; offset < before.length; offset++) {
    // Both exist: the lengths were checked above.
    const actual = lines[start + offset] as string;
    const expected = before[offset] as string;
    if (actual !== expected) return `line ${start + offset + 1} is ${JSON.stringify(clip(actual))}, but the hunk expects ${JSON.stringify(clip(expected))}`;
  }
  return undefined;
}

/** A hunk found in the file: lines `[start, start + count)` (0-based) become `after`. */
interface Spot {
  readonly hunk: number;
  readonly start: number;
  readonly count: number;
  readonly after: readonly string[];
  readonly rebased: boolean;
}

/**
 * Two hunks share a line, or one inserts strictly inside the other's lines (an insertion is an
 * empty range, so the same test holds); insertions at its edges do not overlap it.
 */
function overlap(a: Spot, b: Spot): boolean {
  return a.start < b.start + b.count && b.start < a.start + a.count;
}

type Found = { readonly start: number } | { readonly superseded: true } | { readonly reason: string };

function atStartLine(lines: readonly string[], startLine: number, before: readonly string[]): Found {
  const reason = mismatchAt(lines, startLine, before);
  return reason === undefined ? { start: startLine - 1 } : { reason };
}

function relocated(lines: readonly string[], hunk: PlaceableHunk, before: readonly string[]): Found {
  const above = hunk.context?.above ?? [];
  const below = hunk.context?.below ?? [];
  // A side without context lines is bounded only by the file's edge, when the hunk was at it (then
  // it has no context on that side: nothing is above line 1, and `endOfFile` comes without lines below).
  const edges = { top: hunk.startLine === 1, end: hunk.context?.endOfFile === true };
  // Lines a hunk puts at the file's edge compete with lines the person added there (the same ones,
  // perhaps): then it is found only at that edge. Lines deleted there are certain wherever found.
  const after = hunkLines(hunk.after);
  const starts = occurrences(lines, [...above, ...before, ...below], after.length > 0 ? edges : { top: false, end: false });
  if (starts === undefined) return { reason: 'the file changed, and the hunk has no lines to find it by' };
  if (starts.length === 1) return { start: (starts[0] as number) + above.length };
  if (starts.length > 1) return { reason: `the file changed, and the hunk's lines are found ${starts.length} times (lines ${starts.map((start) => start + above.length + 1).join(', ')}): which one is meant is not certain` };
  // Its result between the same neighbours: already applied. Only when both sides are bounded —
  // otherwise the lines the hunk removes could still follow its result unseen.
  const bounded = (above.length > 0 || edges.top) && (below.length > 0 || edges.end);
  const applied = bounded ? occurrences(lines, [...above, ...after, ...below], edges) : undefined;
  if (applied?.length === 1) return { superseded: true };
  const first = before[0];
  return { reason: `the file changed at these lines since the proposal (line ${hunk.startLine}${first === undefined ? '' : `, ${JSON.stringify(clip(first))}`})` };
}

/**
 * Where `pattern` starts in `lines`, at the top or the end only when `edges` says so; undefined
 * for an empty pattern, unless it stands for the whole (empty) file: anywhere else it would be
 * found whatever the person added around it.
 */
function occurrences(lines: readonly string[], pattern: readonly string[], edges: { readonly top: boolean; readonly end: boolean }): number[] | undefined {
  if (pattern.length === 0 && !(edges.top && edges.end)) return undefined;
  const lastStart = lines.length - pattern.length;
  // At the top only 0 will do, at the end only the last start; at both, the pattern is the whole file.
  const from = edges.end ? lastStart : 0;
  const to = edges.top ? 0 : lastStart;
  const starts: number[] = [];
  for (let start = Math.max(from, 0); start <= to; start++) {
    let offset = 0;
    while (offset < pattern.length && lines[start + offset] === pattern[offset]) offset++;
    if (offset === pattern.length) starts.push(start);
  }
  return starts;
}

/** Where each line starts in `text` (after the byte order mark; each line but perhaps the last ends with `\r\n` or `\n`). */
function lineOffsets(text: string, shape: SplitText): number[] {
  const offsets: number[] = [];
  let at = shape.bom as number;
  for (const line of shape.lines) {
    offsets.push(at);
    at += line.length + (text.startsWith('\r\n', at + line.length) ? 2 : 1);
  }
  return offsets;
}

/**
 * The edit of each spot: its lines replaced by `after`, each ending with the file's line break,
 * touching nothing else — the lines kept keep their own breaks.
 */
function lineEdits(text: string, shape: SplitText, spots: readonly Spot[]): TextEdit[] {
  const offsets = lineOffsets(text, shape);
  const count = shape.lines.length;
  // (An empty file counts as ending with a break.)
  const withoutBreak = !shape.finalNewline;
  // A file without a final newline is edited as if it had one, which is taken off at the end.
  const virtualEnd = text.length + (withoutBreak ? shape.eol.length : 0);
  const at = (line: number) => (line >= count ? virtualEnd : (offsets[line] as number));
  const edits = spots.map((spot) => ({ start: at(spot.start), end: at(spot.start + spot.count), text: spot.after.map((line) => line + shape.eol).join('') }));
  return withoutBreak ? withoutFinalBreak(text, shape.eol, edits, virtualEnd) : edits;
}

/**
 * Edits made against the text plus a final line break (ending at `virtualEnd`), turned into edits
 * of the text itself whose result, like the text, does not end with a line break: the break is
 * taken off whichever edit now ends the file, or the one before the lines deleted at its end.
 */
function withoutFinalBreak(text: string, eol: string, virtual: readonly TextEdit[], virtualEnd: number): TextEdit[] {
  const edits = virtual.map((edit) => ({ ...edit }));
  // In the order their text appears in the result (sort is stable: edits at one place stay in the order given).
  const order = edits.map((_, index) => index).sort((a, b) => (edits[a] as TextEdit).start - (edits[b] as TextEdit).start || (edits[a] as TextEdit).end - (edits[b] as TextEdit).end);
  const breakDeleted = edits.some((edit) => edit.end === virtualEnd && edit.start < virtualEnd);
  let breakGiven = breakDeleted;
  for (const index of order) {
    const edit = edits[index] as TextEdit & { start: number; end: number; text: string };
    if (edit.start === virtualEnd) {
      // Lines added after the last line: the first of them brings the break the last line lacks.
      edit.start = text.length;
      if (!breakGiven) edit.text = eol + edit.text;
      breakGiven = true;
    }
    if (edit.end === virtualEnd) edit.end = text.length;
  }
  const ending = order.filter((index) => (edits[index] as TextEdit).end === text.length);
  let index = ending[ending.length - 1];
  while (index !== undefined) {
    const edit = edits[index] as { start: number; end: number; text: string };
    if (edit.text !== '') {
      edit.text = edit.text.slice(0, -eol.length);
      break;
    }
    // Lines deleted up to the end: the break before them goes too — from the edit just before, or from the text.
    const previous = order.slice(0, order.indexOf(index)).filter((other) => (edits[other] as TextEdit).end === edit.start);
    index = previous[previous.length - 1];
    if (index === undefined && text[edit.start - 1] === '\n') edit.start -= text.startsWith('\r\n', edit.start - 2) ? 2 : 1;
  }
  return edits;
}

function clip(line: string): string {
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
