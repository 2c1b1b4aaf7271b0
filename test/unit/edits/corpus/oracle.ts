/**
 * What an accept must do when every line of the file is distinct, so what the person meant is never
 * in doubt: the STRICT oracle shared by the generated corpus and the properties. A hunk whose
 * recorded lines (its context and `before`, and the file's edge when it adds lines there with no
 * context on that side) the person left intact applies — if it has such lines at all —, and the
 * file is the person's with those hunks made where their lines now are (./lineModel.ts); a hunk
 * whose lines they touched conflicts, or is already applied when they made its change themselves.
 */
import type { Hunk } from '../../../../src/core/edits/changeSet';
import { applyRegions, parseLines, typedEol, type ModelLine, type Region } from './lineModel';

/** One of the person's edits, in base lines: `[start, start + count)` became `lines` (they never share a line). */
export interface PersonEdit {
  readonly start: number;
  readonly count: number;
  readonly lines: readonly string[];
}

/** A recorded hunk in base lines: its own `[start, start + count)`, and the lines that find it, `[from, to)`. */
export interface HunkWindow {
  readonly start: number;
  readonly count: number;
  readonly from: number;
  readonly to: number;
  readonly after: readonly string[];
  readonly belowEmpty: boolean;
  /** The hunk adds lines at the top (or end) with no context there: that edge is part of what finds it. */
  readonly top: boolean;
  readonly end: boolean;
}

export function hunkWindow(hunk: Pick<Hunk, 'startLine' | 'before' | 'after' | 'context'>): HunkWindow {
  const start = hunk.startLine - 1;
  const count = hunk.before === '' ? 0 : hunk.before.split('\n').length;
  const after = hunk.after === '' ? [] : hunk.after.split('\n');
  return {
    start,
    count,
    from: start - hunk.context.above.length,
    to: start + count + hunk.context.below.length,
    after,
    belowEmpty: hunk.context.below.length === 0,
    top: start === 0 && hunk.context.above.length === 0 && after.length > 0,
    end: hunk.context.endOfFile === true && after.length > 0,
  };
}

/** Whether a person's edit reaches the lines (or the edge) a hunk is found by; `size`: the base's line count. */
export function touches(edit: PersonEdit, window: HunkWindow, size: number): boolean {
  if (edit.count > 0) return edit.start < window.to && edit.start + edit.count > window.from;
  return (edit.start > window.from && edit.start < window.to) || (window.top && edit.start === 0) || (window.end && edit.start === size);
}

export type Verdict = 'placed' | 'superseded' | 'conflict';

/** The file after the person's edits, and what accepting every hunk of `windows` must do to it. */
export function expectedAccept(base: readonly ModelLine[], finalNewline: boolean, windows: readonly HunkWindow[], person: readonly PersonEdit[]): { current: string; verdicts: Verdict[]; text: (placed: readonly number[]) => string } {
  const baseText = base.map((line) => line.text + line.eol).join('');
  const personRegions: Region[] = person.map((edit) => ({ ...edit, eol: typedEol(baseText), order: 0 }));
  const current = person.length === 0 ? baseText : applyRegions(base, personRegions, finalNewline);
  // The person made the hunk's change: their edits there stay within its own lines and turn them into `after`.
  const same = (edits: readonly PersonEdit[], window: HunkWindow) => {
    const end = window.start + window.count;
    if (!edits.every((edit) => edit.start >= window.start && edit.start + edit.count <= end)) return false;
    const made: string[] = [];
    let next = window.start;
    for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
      while (next < edit.start) made.push((base[next++] as ModelLine).text);
      made.push(...edit.lines);
      next = edit.start + edit.count;
    }
    while (next < end) made.push((base[next++] as ModelLine).text);
    return made.join('\n') === window.after.join('\n');
  };
  const verdicts = windows.map((window): Verdict => {
    // No lines to find it by (an insertion between two hunks' lines): found again only in an empty file.
    if (window.from === window.to && !(window.top && window.end) && current !== baseText) return 'conflict';
    const touching = person.filter((edit) => touches(edit, window, base.length));
    if (touching.length === 0) return 'placed';
    return same(touching, window) ? 'superseded' : 'conflict';
  });
  const hunkEol = typedEol(current);
  const currentLines = parseLines(current);
  /**
   * The file with the hunks `placed` (indexes into `windows`) applied to it: each moved by the
   * lines the person added or removed above it, and made with the break the file has now.
   */
  const text = (placed: readonly number[]) => {
    if (placed.length === 0) return current;
    const regions = placed.map((index): Region => {
      const window = windows[index] as HunkWindow;
      // At a line where the person also inserted: an insertion without lines below goes first, anything else after.
      const first = window.count === 0 && window.belowEmpty;
      const above = person.filter((edit) => edit.start + edit.count <= window.start && !(first && edit.count === 0 && edit.start === window.start));
      const shift = above.reduce((sum, edit) => sum + edit.lines.length - edit.count, 0);
      return { start: window.start + shift, count: window.count, lines: window.after, eol: hunkEol, order: 0 };
    });
    // An empty file has no final newline to keep: lines added to it end with one (as the core does).
    return applyRegions(currentLines, regions, finalNewline || current === '');
  };
  return { current, verdicts, text };
}
