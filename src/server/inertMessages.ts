/**
 * What the server says to a person through the client — log lines (window/logMessage), messages
 * (window/showMessage) and session problems — carries text from the workspace and from models: file
 * and agent names, agent files, error messages, TypeScript fix titles. Clients show it in an output
 * panel, a toast, or a terminal (Neovim's `:messages`, a log tail), so it is made inert
 * (core/inertText.ts) here, once for every caller, rather than at each call site where one could forget.
 */
import type { Connection, MessageActionItem } from 'vscode-languageserver/node';
import { inertText } from '../core/inertText';
import type { NovaNotification } from '../protocol/message';
import { sessionProblem } from '../protocol/session';

const logLevels = ['error', 'warn', 'info', 'log', 'debug'] as const;
const messageKinds = ['showErrorMessage', 'showWarningMessage', 'showInformationMessage'] as const;

type Show = (message: string, ...actions: MessageActionItem[]) => Promise<MessageActionItem | undefined> | void;

/**
 * Wraps the connection's console and window messages so every message they send is inert. Called
 * once, when the core attaches to the connection; later calls by any module go through the wrapper.
 * (The methods are replaced on these two objects because every module reaches the client through
 * them; a wrapper object passed around instead could be bypassed by the connection it wraps.)
 */
export function makeMessagesInert(connection: Connection): void {
  const { console, window } = connection;
  for (const level of logLevels) {
    const send = console[level].bind(console);
    Object.defineProperty(console, level, { configurable: true, writable: true, value: (message: string) => send(inertText(message)) });
  }
  for (const kind of messageKinds) {
    const show = (window[kind] as Show).bind(window);
    Object.defineProperty(window, kind, { configurable: true, writable: true, value: (message: string, ...actions: MessageActionItem[]) => show(inertText(message), ...actions) });
  }
}

/** A notification's params as they leave the server: a session problem's message made inert. */
export function inertParams<Params>(notification: NovaNotification<Params>, params: Params): Params {
  if (notification.method !== sessionProblem.method) return params;
  const { message } = params as { message: string };
  return { ...params, message: inertText(message) };
}
