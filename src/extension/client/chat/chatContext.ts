/**
 * The context the person kept for a message: the chips the extension offered, looked up by the ids
 * the page sent back (the page never names a path for the extension to act on), and the task text
 * the team receives, with the selected lines and the open problems written out. Pure.
 */
import type { ContextChip } from '../../../protocol/webview/transcript';

/** The offered chips the ids name, and the ids that name none (a chip withdrawn since). */
export function keptChips(offered: readonly ContextChip[], ids: readonly string[]): { chips: ContextChip[]; stale: string[] } {
  const byId = new Map(offered.map((chip) => [chip.id, chip]));
  const chips: ContextChip[] = [];
  const stale: string[] = [];
  for (const id of new Set(ids)) {
    const chip = byId.get(id);
    if (chip) chips.push(chip);
    else stale.push(id);
  }
  return { chips, stale };
}

/** The workspace-relative files the chips are about, each once, in order. */
export function chipFiles(chips: readonly ContextChip[]): string[] {
  return [...new Set(chips.flatMap((chip) => (chip.path ? [chip.path] : [])))];
}

/** What a chip stands for when the message is sent: the selected text, the problems' messages. */
export interface ChipContent {
  readonly selection?: { readonly path: string; readonly startLine: number; readonly endLine: number; readonly text: string };
  readonly problems?: { readonly path: string; readonly items: readonly { readonly line: number; readonly severity: string; readonly message: string }[] };
}

/** The most of a selection the task carries: enough for a function, not a whole file pasted by accident. */
export const maxSelectionChars = 20_000;

/** The task the team receives: the person's words, then the selection and the problems they kept. */
export function taskText(text: string, content: ChipContent): string {
  const parts = [text.trim()];
  const { selection, problems } = content;
  if (selection) {
    const clipped = selection.text.length > maxSelectionChars ? `${selection.text.slice(0, maxSelectionChars)}\n… (${selection.text.length - maxSelectionChars} more characters not included)` : selection.text;
    parts.push(`Selected in ${selection.path}, lines ${selection.startLine}-${selection.endLine}:\n${fence(clipped)}`);
  }
  if (problems && problems.items.length > 0) {
    parts.push(`Open problems in ${problems.path}:\n${problems.items.map((item) => `- line ${item.line} (${item.severity}): ${item.message.replace(/\s+/g, ' ')}`).join('\n')}`);
  }
  return parts.join('\n\n');
}

/** A Markdown fence longer than any run of backticks in the text, so the text cannot close it. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}\n${text}\n${ticks}`;
}
