/**
 * One hunk as a person reads it in a terminal: the `@@` block of a unified diff (no file headers),
 * numbered where the hunk stands — in the file as it is now when it was placed there, else at the
 * line it was proposed at. jsdiff computes the lines, so unchanged anchor lines inside the hunk read
 * as context, as they do in `git diff`.
 */
import { formatPatch, OMIT_HEADERS, structuredPatch } from 'diff';
import { hunkLines } from './lines';

/** Where a hunk is shown: the line of its first `before` line (1-based), and the unchanged lines around it. */
export interface HunkSurroundings {
  readonly startLine: number;
  readonly above: readonly string[];
  readonly below: readonly string[];
}

/** The hunk's `@@` lines, each ending with `\n`; empty when `before` and `after` are the same. */
export function hunkPatch(hunk: { readonly before: string; readonly after: string }, at: HunkSurroundings): string {
  const asText = (lines: readonly string[]) => lines.map((line) => `${line}\n`).join('');
  const old = asText([...at.above, ...hunkLines(hunk.before), ...at.below]);
  const proposed = asText([...at.above, ...hunkLines(hunk.after), ...at.below]);
  const patch = structuredPatch('', '', old, proposed, undefined, undefined, { context: 3 });
  // jsdiff numbers the snippet from 1; the snippet's first line is `above.length` lines before the hunk.
  const shift = at.startLine - 1 - at.above.length;
  const hunks = patch.hunks.map((block) => ({ ...block, oldStart: block.oldStart + shift, newStart: block.newStart + shift }));
  return hunks.length === 0 ? '' : formatPatch({ ...patch, hunks }, OMIT_HEADERS);
}
