/**
 * What the message box offers as the person types: `@` followed by an agent of the loaded team
 * (anywhere a word starts), or `/` followed by a slash command (only as the first word, where the
 * extension reads it). Pure (no DOM): the listbox (completionList.ts) only shows what this finds.
 */
import { slashCommands, type SlashCommand } from '../../protocol/webview/transcript';

/** One thing the person can pick. */
export interface CompletionItem {
  /** What the list shows and what is inserted after the trigger (`refactorer`, `review`). */
  readonly label: string;
  /** A short description (the agent's role, what the command does). */
  readonly detail: string;
}

/** The word being completed and what matches it. */
export interface Completion {
  readonly trigger: '@' | '/';
  /** Where the word starts (at its trigger) and ends (the caret) in the text. */
  readonly start: number;
  readonly end: number;
  readonly query: string;
  readonly items: readonly CompletionItem[];
}

/** What each slash command does, as the list describes it. */
export const slashCommandDetails: Record<SlashCommand, string> = {
  review: 'Review the workspace (or the attached file) for problems',
  refactor: 'Propose a change to the code, for you to review',
  improve: 'Improve code in an isolated worktree, behind gates',
  explain: 'Explain a file: its exports, classes and functions, with links',
  agents: 'List the team: roles, owned decisions, where each agent comes from',
  new: 'Start a new chat',
};

/** The most items the list shows. */
export const completionLimit = 20;

/** The completion at `caret` in `text`, or undefined when the caret is not in an @ or / word. */
export function completionAt(text: string, caret: number, agents: readonly CompletionItem[]): Completion | undefined {
  const before = text.slice(0, caret);
  const word = /(?:^|\s)([@/])([\w.-]*)$/.exec(before);
  if (!word) return undefined;
  const trigger = word[1] as '@' | '/';
  const query = word[2] ?? '';
  const start = caret - query.length - 1;
  // A slash command is only the message's first word.
  if (trigger === '/' && before.slice(0, start).trim() !== '') return undefined;
  const source = trigger === '@' ? agents : slashCommands.map((name) => ({ label: name, detail: slashCommandDetails[name] }));
  const items = matching(source, query);
  return items.length === 0 ? undefined : { trigger, start, end: caret, query, items };
}

/** Items whose label starts with the query first, then those that contain it; case-insensitive. */
export function matching(items: readonly CompletionItem[], query: string): CompletionItem[] {
  const wanted = query.toLowerCase();
  const starts = items.filter((item) => item.label.toLowerCase().startsWith(wanted));
  const contains = items.filter((item) => !item.label.toLowerCase().startsWith(wanted) && item.label.toLowerCase().includes(wanted));
  return [...starts, ...contains].slice(0, completionLimit);
}

/** The text with `item` in place of the completed word, and where the caret goes (after a space). */
export function applyCompletion(text: string, completion: Completion, item: CompletionItem): { text: string; caret: number } {
  const inserted = `${completion.trigger}${item.label} `;
  const rest = text.slice(completion.end).replace(/^\S*/, '').replace(/^ /, '');
  return { text: text.slice(0, completion.start) + inserted + rest, caret: completion.start + inserted.length };
}
