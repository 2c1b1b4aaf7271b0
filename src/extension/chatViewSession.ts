/**
 * What the chat view's light half (chatView.ts, in the extension host bundle) and its heavy half
 * (client/chat/chatController.ts, in the lazily loaded client bundle) say to each other. Types
 * only, so activation loads neither zod nor the protocol.
 */
import type * as vscode from 'vscode';
import type { AgentsListResult } from '../protocol/agents';
import type { Chat } from '../protocol/webview/transcript';
import type { ServerFeatures } from './serverFeatures';

/** What a resolved view hands the controller. */
export interface ChatViewDeps {
  /** The view's webview: the controller posts through it and reads what the page posts. */
  readonly webview: Pick<vscode.Webview, 'postMessage' | 'onDidReceiveMessage'>;
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly features: ServerFeatures;
  /** Asks the person about waiting workspace agent files (the same prompt as the command's). */
  reviewAgentFiles(): Promise<AgentsListResult>;
}

/** Seams for Nova's real-VS Code tests: the page's side of the endpoint, and what the chat holds. */
export interface ChatViewTesting {
  /** Hands a raw message to the view's endpoint, as if the page had posted it. */
  receive(raw: unknown): void;
  /** Messages received and refused by the endpoint, and posted to the page. */
  counts(): { received: number; refused: number; posted: number };
  /** The last (at most 100) messages posted to the page, oldest first (the endpoint holds them until the page says ready). */
  recentlyPosted(): unknown[];
  /** A copy of the open chat. */
  openChat(): Chat;
  /** The stored history, exactly as workspace storage holds it (JSON). */
  storedHistory(): string;
  /** How many approval and escalation cards wait for an answer. */
  pendingQuestions(): number;
}

/** One resolved chat view's controller; disposed with the view. */
export interface ChatViewSession extends vscode.Disposable {
  focus(): void;
  newChat(): Promise<void>;
  readonly testing: ChatViewTesting;
}

/** The client bundle's export that makes a controller (client/main.ts). */
export type CreateChatView = (deps: ChatViewDeps) => ChatViewSession;
