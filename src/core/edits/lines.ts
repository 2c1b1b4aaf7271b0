/**
 * Texts as the lines an editor counts, and hunk sides as lines.
 *
 * The convention (the ChangeProposal contract's): a hunk's `before` and `after` are whole lines
 * joined by `\n`, without a final line break; an empty string is no lines at all (`before: ''`
 * inserts, `after: ''` deletes).
 */

/** The byte order mark some files start with: it belongs to the file, not to its first line. */
const byteOrderMark = '\uFEFF';

/**
 * The lines a hunk side stands for. A `\r` an agent copied from a CRLF file is not part of a line,
 * nor is a byte order mark it copied from the start of one.
 */
export function hunkLines(side: string): string[] {
  return side === '' ? [] : side.replace(/^\uFEFF/, '').split('\n').map((line) => line.replace(/\r$/, ''));
}

/** A text's lines, its line break, and whether it ends with one. */
export interface SplitText {
  /** The lines, without their breaks and without the byte order mark. */
  readonly lines: string[];
  /** Where the first line starts: after the byte order mark (1), or at 0. */
  readonly bom: 0 | 1;
  readonly eol: string;
  readonly finalNewline: boolean;
}

/** A text's lines as an editor counts them, and how to put them back together. */
export function splitText(text: string): SplitText {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // The editor shows a file without its byte order mark; a file read from disk has it.
  const bom = text.startsWith(byteOrderMark) ? 1 : 0;
  const body = text.slice(bom);
  const lines = body.split(/\r?\n/);
  // The text after a final line break is an empty "line" (an empty file is one such). It ends with a
  // break then, so an empty file does too: lines added to it end with one, as files usually do.
  const finalNewline = lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  return { lines, bom, eol, finalNewline };
}
