/**
 * The lines of a file around its findings, numbered as the findings are, for a model to read instead
 * of the whole file: a few lines either side of each finding, windows that touch merged, gaps shown as
 * `…`. A credential a finding flags is masked first (its first characters kept), so a review sends
 * nothing that would leak it further than the source already does.
 * Lines are 1-based; columns 0-based UTF-16 offsets, as in FindingRange.
 */
import type { FindingRange } from '../analyzer';

export interface WindowOptions {
  /** Lines shown either side of a finding (default 4). */
  readonly radius?: number;
  /** A long line is cut to this many characters (default 240). */
  readonly maxLineLength?: number;
  /** A finding spanning more lines shows its first this many (default 12). */
  readonly maxFindingLines?: number;
}

/** Characters of a masked credential that are kept, so its format can still be judged. */
const keptOfSecret = 4;
export const maskMark = '⟨masked⟩';

/** The numbered windows of `text` around `ranges`, with the text inside `masked` ranges masked. */
export function findingWindows(text: string, ranges: readonly FindingRange[], masked: readonly FindingRange[] = [], options: WindowOptions = {}): string {
  const radius = options.radius ?? 4;
  const maxLength = options.maxLineLength ?? 240;
  const maxFindingLines = options.maxFindingLines ?? 12;
  const lines = maskRanges(text.split(/\r\n|\r|\n/), masked);
  const spans = ranges
    .map((range) => ({ from: Math.max(1, range.startLine - radius), to: Math.min(lines.length, Math.min(range.endLine, range.startLine + maxFindingLines - 1) + radius) }))
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.from <= last.to + 1) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  const width = String(merged.at(-1)?.to ?? 1).length;
  const out: string[] = [];
  merged.forEach((span, index) => {
    if (index > 0 || span.from > 1) out.push('…');
    for (let line = span.from; line <= span.to; line++) {
      const content = lines[line - 1] ?? '';
      out.push(`${String(line).padStart(width)} | ${content.length > maxLength ? `${content.slice(0, maxLength - 1)}…` : content}`);
    }
  });
  if ((merged.at(-1)?.to ?? lines.length) < lines.length) out.push('…');
  return out.join('\n');
}

/** Lines with the text of each range replaced by its first characters and a mark. */
function maskRanges(lines: readonly string[], ranges: readonly FindingRange[]): string[] {
  const masked = [...lines];
  // From the last range up, so earlier columns stay valid.
  const ordered = [...ranges].sort((a, b) => b.startLine - a.startLine || b.startColumn - a.startColumn);
  for (const range of ordered) {
    const first = masked[range.startLine - 1];
    if (first === undefined) continue;
    if (range.endLine === range.startLine) {
      const covered = first.slice(range.startColumn, range.endColumn);
      masked[range.startLine - 1] = first.slice(0, range.startColumn) + covered.slice(0, keptOfSecret) + maskMark + first.slice(range.endColumn);
      continue;
    }
    const last = masked[range.endLine - 1] ?? '';
    masked[range.startLine - 1] = first.slice(0, range.startColumn) + first.slice(range.startColumn, range.startColumn + keptOfSecret) + maskMark;
    for (let line = range.startLine + 1; line < range.endLine; line++) masked[line - 1] = maskMark;
    masked[range.endLine - 1] = maskMark + last.slice(range.endColumn);
  }
  return masked;
}
