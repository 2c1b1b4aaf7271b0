/**
 * The reference the corpus and the properties check placement against, written apart from
 * src/core/edits so the two cannot share a mistake: a file is a list of lines that each carry their
 * own line break (`''` for a last line without one), and an edit is a run of base lines replaced by
 * new lines. Applying several edits at once, all numbered against the same base, is what the person
 * means when they edit a file and then accept a hunk proposed against its earlier text.
 */

/** One line and the break that ends it (`''`: the last line of a file without a final newline). */
export interface ModelLine {
  readonly text: string;
  readonly eol: '' | '\n' | '\r\n';
}

/** Base lines `[start, start + count)` replaced by `lines`, which end with `eol`. */
export interface Region {
  readonly start: number;
  readonly count: number;
  readonly lines: readonly string[];
  readonly eol: '\n' | '\r\n';
  /** Orders regions that start at the same line (an insertion next to another edit): lower first. */
  readonly order: number;
}

/** A text's lines with their own breaks; only `\n` and `\r\n` end a line (as Nova counts them). */
export function parseLines(text: string): ModelLine[] {
  const lines: ModelLine[] = [];
  let at = 0;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    if (newline < 0) {
      lines.push({ text: text.slice(at), eol: '' });
      break;
    }
    const crlf = newline > at && text[newline - 1] === '\r';
    lines.push({ text: text.slice(at, crlf ? newline - 1 : newline), eol: crlf ? '\r\n' : '\n' });
    at = newline + 1;
  }
  return lines;
}

export const renderLines = (lines: readonly ModelLine[]): string => lines.map((line) => line.text + line.eol).join('');

/** The break new lines get in a text: CRLF as soon as one line has it (what the editor would type). */
export const typedEol = (text: string | undefined): '\n' | '\r\n' => ((text ?? '').includes('\r\n') ? '\r\n' : '\n');

/** Whether a text ends with a line break (an empty text counts as ending with one: lines added to it get one). */
export const endsWithBreak = (text: string | undefined): boolean => (text ?? '') === '' || /\n$/.test(text ?? '');

/**
 * `base` with every region made at once (regions never share a base line). Lines untouched keep
 * their bytes, line breaks included; the result ends with a line break exactly when `finalNewline`.
 */
export function applyRegions(base: readonly ModelLine[], regions: readonly Region[], finalNewline: boolean): string {
  const sorted = [...regions].sort((a, b) => a.start - b.start || a.order - b.order);
  const out: ModelLine[] = [];
  let next = 0;
  for (const region of sorted) {
    if (region.start < next) throw new Error(`the reference was given overlapping regions at base line ${region.start + 1}`);
    while (next < region.start) out.push(base[next++] as ModelLine);
    for (const text of region.lines) out.push({ text, eol: region.eol });
    next = region.start + region.count;
  }
  while (next < base.length) out.push(base[next++] as ModelLine);
  // A line that was last without a break, and is followed now, gets the break of what follows it.
  for (let index = 0; index < out.length - 1; index++) {
    const line = out[index] as ModelLine;
    if (line.eol === '') out[index] = { text: line.text, eol: (out[index + 1] as ModelLine).eol || '\n' };
  }
  const last = out[out.length - 1];
  if (last && !finalNewline) out[out.length - 1] = { text: last.text, eol: '' };
  return renderLines(out);
}
