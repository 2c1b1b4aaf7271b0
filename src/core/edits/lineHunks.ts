/**
 * Applying a proposal's hunks to a text, exactly: each hunk's `before` must be the file's current
 * lines at `startLine`, or the hunk is a conflict — never a silent misapply.
 *
 * The convention (the ChangeProposal contract's): `before` and `after` are whole lines joined by
 * `\n`, without a final line break; an empty string is no lines at all (`before: ''` inserts at
 * `startLine`, `after: ''` deletes). Line numbers are those of the file before any hunk applies.
 */

/** The part of a proposed hunk that says what changes. */
export interface LineHunk {
  readonly startLine: number;
  readonly before: string;
  readonly after: string;
}

/** A hunk that could not be applied, and why. */
export interface HunkConflict {
  /** Index of the hunk in the list given. */
  readonly hunk: number;
  readonly startLine: number;
  readonly reason: string;
}

/** The lines a hunk side stands for. */
export function hunkLines(side: string): string[] {
  return side === '' ? [] : side.split('\n').map((line) => line.replace(/\r$/, ''));
}

/** A text's lines as an editor counts them, and how to put them back together. */
export function splitText(text: string): { lines: string[]; eol: string; finalNewline: boolean } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.split(/\r?\n/);
  // An empty file has no line break to keep; lines added to it end with one, as files usually do.
  const finalNewline = lines.length === 0 || lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  return { lines, eol, finalNewline };
}

export function joinText(lines: readonly string[], eol: string, finalNewline: boolean): string {
  return lines.length === 0 ? '' : lines.join(eol) + (finalNewline ? eol : '');
}

/** Applies every hunk that matches; the others are returned as conflicts and change nothing. */
export function applyHunks(text: string, hunks: readonly LineHunk[]): { text: string; conflicts: HunkConflict[] } {
  const { lines, eol, finalNewline } = splitText(text);
  const conflicts: HunkConflict[] = [];
  const accepted: { index: number; start: number; before: string[]; after: string[] }[] = [];
  hunks.forEach((hunk, index) => {
    const before = hunkLines(hunk.before);
    const start = hunk.startLine - 1;
    const end = start + before.length;
    const overlapping = accepted.find((other) => start < other.start + other.before.length && other.start < Math.max(end, start + 1));
    const reason = findMismatch(lines, start, before) ?? (overlapping ? `overlaps hunk ${overlapping.index + 1} (line ${overlapping.start + 1})` : undefined);
    if (reason) conflicts.push({ hunk: index, startLine: hunk.startLine, reason });
    else accepted.push({ index, start, before, after: hunkLines(hunk.after) });
  });
  // Bottom-up, so each hunk's line numbers still refer to the text as it was.
  for (const hunk of [...accepted].sort((a, b) => b.start - a.start || b.index - a.index)) {
    lines.splice(hunk.start, hunk.before.length, ...hunk.after);
  }
  return { text: joinText(lines, eol, finalNewline), conflicts };
}

function findMismatch(lines: readonly string[], start: number, before: readonly string[]): string | undefined {
  if (start < 0 || start > lines.length) return `startLine ${start + 1} is outside the file (${lines.length} lines)`;
  if (start + before.length > lines.length) return `the hunk's ${before.length} lines run past the end of the file (${lines.length} lines)`;
  for (let offset = 0; offset < before.length; offset++) {
    const actual = lines[start + offset] ?? '';
    const expected = before[offset] ?? '';
    if (actual !== expected) {
      return `line ${start + offset + 1} is ${JSON.stringify(clip(actual))}, but the hunk expects ${JSON.stringify(clip(expected))}`;
    }
  }
  return undefined;
}

function clip(line: string): string {
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
