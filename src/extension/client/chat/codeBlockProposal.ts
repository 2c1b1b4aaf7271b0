/**
 * A code block of a chat reply as a ChangeProposal for the lines the person picked: one hunk that
 * replaces exactly the lines the target has now (so a file changed since is a conflict, never a
 * misapply). Pure, so Node tests check it.
 */
import type { ChangeProposal } from '../../../core/contracts';
import { hunkLines, splitText } from '../../../core/edits/lines';

/** Where the code goes: lines of a workspace file (1-based, inclusive), as they read now. */
export interface CodeTarget {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  /** The lines replaced, as the ChangeProposal convention writes them (joined by `\n`, no final break). */
  readonly before: string;
  readonly label: string;
}

/** The proposal for `code` at `target`. Pure. */
export function codeProposal(code: string, target: CodeTarget, from: string): ChangeProposal {
  // The code block's own final line break is not a line of its own.
  const after = hunkLines(code.replace(/\r?\n$/, '')).join('\n');
  return {
    summary: `Code from the chat into ${target.label}`,
    rationale: `The person proposed a code block from ${from}'s reply in Nova's chat for ${target.label}.`,
    files: [{ path: target.path, hunks: [{ startLine: target.startLine, before: target.before, after, rationale: `Replaces ${target.label} with the code block.` }] }],
    risks: ['The code comes from a chat reply as written; nothing checked that it compiles or fits.'],
  };
}

/** The lines `startLine..endLine` of `text` in the proposal convention, and the whole text's lines. Pure. */
export function linesOf(text: string, startLine: number, endLine: number): string {
  return splitText(text).lines.slice(startLine - 1, endLine).join('\n');
}

