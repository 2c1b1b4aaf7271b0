/**
 * What the person typed, read the way the chat acts on it: a leading `/command` (one of the chat's
 * slash commands) and an `@name` addressing one agent of the loaded team. Pure, so Node tests check
 * every case; an unknown command or agent is a clear problem, never a guess.
 */
import { slashCommands, type SlashCommand } from '../../../protocol/webview/transcript';

/** The message as the chat reads it. */
export interface ChatInput {
  readonly text: string;
  readonly command?: SlashCommand;
  /** The agent an `@name` addressed, as the team names it. */
  readonly agent?: string;
  /** The text after the command, trimmed (the whole text without one). */
  readonly rest: string;
}

/** Reading the message went wrong: what to tell the person. */
export interface ChatInputProblem {
  readonly problem: string;
}

const commandPattern = /^\s*\/([A-Za-z][\w-]*)(?=\s|$)\s*([\s\S]*)$/;
// After a space (or at the start): `a@b.com` is an address, not a mention.
const mentionPattern = /(?:^|\s)@([A-Za-z][\w.-]*)/g;

/** Reads `text` against the team's agent names; a problem when a command or agent is unknown. */
export function readChatInput(text: string, team: readonly string[]): ChatInput | ChatInputProblem {
  const commandMatch = commandPattern.exec(text);
  let command: SlashCommand | undefined;
  let rest = text.trim();
  if (commandMatch) {
    const name = (commandMatch[1] ?? '').toLowerCase();
    if (!isSlashCommand(name)) return { problem: `There is no /${commandMatch[1] ?? ''} command. The chat knows ${slashCommands.map((known) => `/${known}`).join(', ')}.` };
    command = name;
    rest = (commandMatch[2] ?? '').trim();
  }
  const mentioned = [...new Set([...text.matchAll(mentionPattern)].map((match) => (match[1] ?? '').replace(/[.-]+$/, '')))];
  if (mentioned.length > 1) return { problem: `Address one agent at a time (the message names ${mentioned.map((name) => `@${name}`).join(', ')}).` };
  const [mention] = mentioned;
  if (mention === undefined) return { text, rest, ...(command ? { command } : {}) };
  const agent = team.find((name) => name.toLowerCase() === mention.toLowerCase());
  if (!agent) {
    return { problem: team.length === 0 ? `No agent is loaded to address as @${mention}.` : `No agent named @${mention} is on the team. The team: ${team.map((name) => `@${name}`).join(', ')}.` };
  }
  return { text, rest, agent, ...(command ? { command } : {}) };
}

export function isChatInputProblem(read: ChatInput | ChatInputProblem): read is ChatInputProblem {
  return 'problem' in read;
}

function isSlashCommand(name: string): name is SlashCommand {
  return (slashCommands as readonly string[]).includes(name);
}
