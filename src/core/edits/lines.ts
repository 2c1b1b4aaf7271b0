/**
 * Texts as the lines an editor counts, and hunk sides as lines.
 *
 * The convention (the ChangeProposal contract's): a hunk's `before` and `after` are whole lines
 * joined by `\n`, without a final line break; an empty string is no lines at all (`before: ''`
 * inserts, `after: ''` deletes).
 */

/** The lines a hunk side stands for (a `\r` an agent copied from a CRLF file is not part of a line). */
export function hunkLines(side: string): string[] {
  return side === '' ? [] : side.split('\n').map((line) => line.replace(/\r$/, ''));
}

/** A text's lines, its line break, and whether it ends with one. */
export interface SplitText {
  readonly lines: string[];
  readonly eol: string;
  readonly finalNewline: boolean;
}

/** A text's lines as an editor counts them, and how to put them back together. */
export function splitText(text: string): SplitText {
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
