/**
 * The chat page's entry (bundled to dist/webview/chat.js, loaded by the nova.chat webview view into
 * `<main id="nova-chat">`). Paints the saved state at once if there is one, then says `ready` and
 * takes what the extension sends: every message is checked by the endpoint before it is applied.
 */
// First: zod must not try eval (see ../shared/jitless.ts) before the protocol's schemas are built.
import '../shared/jitless';
import { chatChats, chatContext, chatFocus, chatModel, chatState, chatTeam, chatUpdate } from '../../protocol/webview/chat';
import { WebviewEndpoint } from '../../protocol/webview/endpoint';
import type { Envelope } from '../../protocol/webview/message';
import { PageActions } from '../shared/actions';
import { ChatPage } from './page';
import { ProblemsView } from '../shared/problems';
import { StateKeeper, type StateStore } from './savedState';

/** What VS Code gives a webview page. */
interface VsCodeApi extends StateStore {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function start(): void {
  const root = document.getElementById('nova-chat');
  if (!root) throw new Error('The chat page needs <main id="nova-chat">.');
  const vscode = acquireVsCodeApi();
  const problems = new ProblemsView();
  const endpoint = new WebviewEndpoint({ side: 'webview', post: (message: Envelope) => vscode.postMessage(message), onRefused: (message) => console.warn(`Nova chat: ${message}`) });
  // The keeper reads the page only when it saves, which is after the page exists.
  const keeper = new StateKeeper(vscode, () => page.saved());
  const page = new ChatPage(root, new PageActions(endpoint, problems), problems, () => keeper.save());
  const painter = page.painter;

  const saved = keeper.restore();
  if (saved) {
    page.showState(saved.state);
    page.composer.restoreDraft(saved.draft);
  }
  endpoint.on(chatState, (state) => {
    page.showState(state);
    painter.statePainted();
  });
  endpoint.on(chatUpdate, ({ chatId, update }) => {
    if (update.type === 'text' && update.sentAt !== undefined) painter.sentByServer(update.sentAt);
    page.update(chatId, update);
  });
  endpoint.on(chatContext, ({ chips }) => page.setContext(chips));
  endpoint.on(chatTeam, ({ team }) => page.setTeam(team));
  endpoint.on(chatModel, (model) => page.setModel(model));
  endpoint.on(chatChats, ({ chats }) => page.setChats(chats));
  endpoint.on(chatFocus, () => {
    page.composer.focus();
    // When the message box took the focus (epoch ms): bench/chatView.ts times "Open Chat" → focused.
    root.dataset.inputFocusedAt = String(performance.timeOrigin + performance.now());
  });
  addEventListener('message', (event: MessageEvent) => {
    painter.arrived();
    endpoint.receive(event.data);
  });
  endpoint.announceReady();
}

start();
