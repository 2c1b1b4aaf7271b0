/**
 * The chats of this workspace, kept in VS Code's workspace storage (`context.workspaceState`, per
 * workspace and outside the workspace folder, so nothing lands in the person's repository). What is
 * read back is data until checked: each chat is validated with the `Chat` schema, and a broken one
 * is reported and left out — never thrown, never a reason to lose the others.
 */
import { z } from 'zod';
import { Chat, summaryOf, type ChatSummary } from '../../../protocol/webview/transcript';

/** Where the chats are kept in workspaceState. */
export const chatHistoryKey = 'nova.chatHistory';

/** How many chats are kept; the least recently used go first. */
export const maxChats = 50;

/** The slice of VS Code's Memento the history uses (Node tests pass a map). */
export interface HistoryMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

const Stored = z.object({ version: z.literal(1), openChatId: z.string().optional(), chats: z.array(z.unknown()) });

/** What was read back: the chats that passed (newest first), the one open last, and what was skipped. */
export interface LoadedHistory {
  readonly chats: Chat[];
  readonly openChatId: string | undefined;
  readonly problems: string[];
}

/** Reads and checks the stored chats. Never throws. */
export function loadHistory(memento: HistoryMemento): LoadedHistory {
  const raw = memento.get(chatHistoryKey);
  if (raw === undefined) return { chats: [], openChatId: undefined, problems: [] };
  const stored = Stored.safeParse(raw);
  if (!stored.success) return { chats: [], openChatId: undefined, problems: [`The stored chat history is not in a form Nova reads (${stored.error.issues[0]?.message ?? 'unknown shape'}); it was left out.`] };
  const chats: Chat[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  stored.data.chats.forEach((entry, index) => {
    const chat = Chat.safeParse(entry);
    if (!chat.success) {
      const issue = chat.error.issues[0];
      problems.push(`Stored chat ${index + 1} was skipped: ${issue ? `${issue.path.map(String).join('.') || '(chat)'}: ${issue.message}` : 'invalid'}.`);
      return;
    }
    if (seen.has(chat.data.id)) {
      problems.push(`Stored chat ${index + 1} was skipped: its id ${chat.data.id} is used twice.`);
      return;
    }
    seen.add(chat.data.id);
    chats.push(chat.data);
  });
  return { chats: newestFirst(chats).slice(0, maxChats), openChatId: stored.data.openChatId, problems };
}

/**
 * The chats in memory and their storage. Saving is debounced while a reply streams (`saveSoon`) and
 * immediate at a turn's end (`saveNow`); each save writes the whole list, at most `maxChats`.
 */
export class ChatHistory {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly memento: HistoryMemento,
    private readonly chats: Chat[],
    private openId: string | undefined,
    private readonly onSaveFailed: (message: string) => void,
    private readonly delayMs = 500,
  ) {}

  /** The chats, newest first. */
  get all(): readonly Chat[] {
    return newestFirst(this.chats);
  }

  get openChatId(): string | undefined {
    return this.openId;
  }

  /** The earlier chats as the list shows them, newest first. */
  summaries(): ChatSummary[] {
    return this.all.map(summaryOf);
  }

  find(id: string): Chat | undefined {
    return this.chats.find((chat) => chat.id === id);
  }

  /** Adds (or moves to the front) a chat, makes it the open one, and drops the oldest beyond `maxChats`. */
  open(chat: Chat): void {
    if (!this.find(chat.id)) this.chats.push(chat);
    this.openId = chat.id;
    const kept = newestFirst(this.chats).slice(0, maxChats);
    this.chats.splice(0, this.chats.length, ...kept);
    // The open chat is kept even when it is the oldest (an empty new chat has an early updatedAt).
    if (!this.find(chat.id)) this.chats.push(chat);
  }

  /** Saves within `delayMs` (many small updates while a reply streams make one write). */
  saveSoon(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.delayMs);
  }

  /** Saves now (a turn ended, a chat was opened). */
  saveNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.write();
  }

  /** Writes what is pending, then stops the timer (the view closes). */
  dispose(): Promise<void> {
    return this.timer ? this.saveNow() : this.saving;
  }

  private write(): Promise<void> {
    // Only chats with something in them are worth a place in storage.
    const chats = this.all.filter((chat) => chat.turns.length > 0).slice(0, maxChats);
    const value = { version: 1 as const, ...(this.openId ? { openChatId: this.openId } : {}), chats };
    this.saving = this.saving
      .then(() => this.memento.update(chatHistoryKey, JSON.parse(JSON.stringify(value)) as unknown))
      .catch((error: unknown) => this.onSaveFailed(`The chat history could not be saved: ${error instanceof Error ? error.message : String(error)}`));
    return this.saving;
  }
}

function newestFirst(chats: readonly Chat[]): Chat[] {
  return [...chats].sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}
