/**
 * The Chat view (`nova.chat`), a webview view. This half lives in the extension host bundle and
 * stays light: it sets the page up (scripts on, resources only from Nova's media/ and
 * dist/webview/, a fresh nonce per load) and hands the view to its controller, which is loaded
 * from the client bundle on the first resolve (client/chat/chatController.ts). Each resolved view
 * owns its disposables through one DisposableStore, disposed with the view.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { AgentFileReview } from './agentFiles';
import { chatHtml } from './webviewHtml';
import type { ChatViewSession, CreateChatView } from './chatViewSession';
import { commandIds, viewIds } from './contributions';
import { DisposableStore } from './disposableStore';
import type { LazyServer } from './lazyServer';

/** What the commands and Nova's tests reach of the chat view. */
export interface ChatViewAccess {
  /** The controller of the resolved view, if it is resolved. */
  readonly session: ChatViewSession | undefined;
  /** Shows the view and waits until it is resolved. */
  reveal(): Promise<ChatViewSession | undefined>;
}

class ChatViewProvider implements vscode.WebviewViewProvider {
  session: ChatViewSession | undefined;
  private readonly waiting: ((session: ChatViewSession) => void)[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: LazyServer,
    private readonly log: vscode.LogOutputChannel,
    private readonly agentFiles: AgentFileReview,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const store = new DisposableStore();
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    const pages = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    const { webview } = view;
    webview.options = { enableScripts: true, localResourceRoots: [media, pages] };
    webview.html = chatHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      styleUris: ['webview.css', 'chat.css'].map((name) => webview.asWebviewUri(vscode.Uri.joinPath(media, name)).toString()),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(pages, 'chat.js')).toString(),
    });
    try {
      // Left outside dist/extension.js on purpose (tools/bundle.ts): dist/client/main.js.
      const { createChatView } = require('./client/main') as { createChatView: CreateChatView };
      const session = store.add(
        createChatView({ webview, context: this.context, log: this.log, features: this.server.features, reviewAgentFiles: () => this.agentFiles.review(false) }),
      );
      this.session = session;
      store.add({ dispose: () => this.session === session && (this.session = undefined) });
      for (const resolve of this.waiting.splice(0)) resolve(session);
    } catch (error) {
      this.log.error(`The chat view could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    store.add(view.onDidDispose(() => store.dispose()));
  }

  /** Resolves with the session once the view is resolved (at once when it is). */
  whenResolved(timeoutMs: number): Promise<ChatViewSession | undefined> {
    if (this.session) return Promise.resolve(this.session);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.session), timeoutMs);
      this.waiting.push((session) => {
        clearTimeout(timer);
        resolve(session);
      });
    });
  }
}

/** Registers the Chat view and its commands (Open Chat, New Chat). */
export function registerChatView(context: vscode.ExtensionContext, server: LazyServer, log: vscode.LogOutputChannel, agentFiles: AgentFileReview): ChatViewAccess {
  const provider = new ChatViewProvider(context, server, log, agentFiles);
  const reveal = async () => {
    await vscode.commands.executeCommand(`${viewIds.chat}.focus`);
    return provider.whenResolved(10_000);
  };
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(viewIds.chat, provider),
    vscode.commands.registerCommand(commandIds.openChat, async () => (await reveal())?.focus()),
    vscode.commands.registerCommand(commandIds.newChat, async () => {
      const session = await reveal();
      await session?.newChat();
      session?.focus();
    }),
  );
  return {
    get session() {
      return provider.session;
    },
    reveal,
  };
}
