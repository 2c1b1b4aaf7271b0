/**
 * Nova's language server, as the extension holds it: started on the first feature that needs it
 * (never at activation), told the model, key and trust after every start (the key travels in a
 * request, never in the server's environment or argv), restarted when it dies — a bounded number of
 * times, telling the person — and stopped with the extension, so no server process outlives it.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { NovaNotification, NovaRequest } from '../../protocol/message';
import { sessionConfigure, type ConfigureParams } from '../../protocol/session';
import { commandIds } from '../contributions';
import { checkedHandler, onRequest, sendRequest } from './protocolClient';

/** At most this many restarts within `restartWindowMs`; then the server stays down until asked. */
export const maxRestarts = 4;
const restartWindowMs = 3 * 60_000;

/** Environment variables a server must not inherit: the key reaches it in a request only. */
const keyVariables = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'];

interface Subscription {
  readonly notification: NovaNotification<never>;
  readonly handler: (params: never) => void;
}

interface Answerer {
  readonly request: NovaRequest<never, unknown>;
  readonly handler: (params: never, token: vscode.CancellationToken) => Promise<unknown>;
}

export class NovaServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private firstStartDone = false;
  private readonly restarts: number[] = [];
  private readonly subscriptions: Subscription[] = [];
  /** The methods each client has its one dispatching handler for. */
  private readonly dispatching = new WeakMap<LanguageClient, Set<string>>();
  private readonly answerers: Answerer[] = [];
  private readonly _onDidStart = new vscode.EventEmitter<void>();
  /** Fires each time the server is (re)started and configured: views list again. */
  readonly onDidStart = this._onDidStart.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly configuration: () => Promise<ConfigureParams>,
  ) {}

  /** Whether the server has been started (views show nothing from it before). */
  get started(): boolean {
    return this.client !== undefined;
  }

  /** Sends a request, starting the server first if no feature has needed it yet. */
  async request<P, R>(request: NovaRequest<P, R>, params: P, token?: vscode.CancellationToken): Promise<R> {
    return sendRequest(await this.ready(), request, params, token);
  }

  /**
   * Listens for a server notification, from this start and every later one, until disposed. Params
   * that fail the notification's schema never reach `handler` (they are logged).
   */
  listen<P>(notification: NovaNotification<P>, handler: (params: P) => void): vscode.Disposable {
    let active = true;
    // Each start's client gets its own registration; `active` stops them all at once.
    const subscription = { notification, handler: (params: P) => active && handler(params) } as unknown as Subscription;
    this.subscriptions.push(subscription);
    if (this.client) this.subscribe(this.client, subscription);
    return new vscode.Disposable(() => {
      active = false;
      this.subscriptions.splice(this.subscriptions.indexOf(subscription), 1);
    });
  }

  /** Answers a request the server sends (e.g. a command approval), from this start and every later one. */
  answer<P, R>(request: NovaRequest<P, R>, handler: (params: P, token: vscode.CancellationToken) => Promise<R>): void {
    const answerer = { request, handler } as unknown as Answerer;
    this.answerers.push(answerer);
    if (this.client) this.context.subscriptions.push(onRequest(this.client, answerer.request, answerer.handler, (message) => this.log.warn(message)));
  }

  /**
   * For real-VS Code tests: hands `raw` to every handler of `method` through the same check a
   * notification from the server goes through. Returns whether it passed and how many handlers there are.
   */
  injectNotification(method: string, raw: unknown): { checked: boolean; handlers: number } {
    return this.dispatch(method, raw);
  }

  /** Hands a notification's raw params to every handler of `method`, each through its check. */
  private dispatch(method: string, raw: unknown): { checked: boolean; handlers: number } {
    // A copy: a handler may dispose its subscription (or add one) while the notification is handed on.
    const subscriptions = this.subscriptions.filter((subscription) => subscription.notification.method === method);
    let checked = subscriptions.length > 0;
    for (const { notification, handler } of subscriptions) checked = checkedHandler(notification, handler, (message) => this.log.warn(message))(raw) && checked;
    return { checked, handlers: subscriptions.length };
  }

  /** Tells a running server the current settings, key and trust (after a change); a stopped one hears at start. */
  async reconfigure(): Promise<void> {
    if (this.client?.state === State.Running) await this.configure(this.client);
  }

  /** Stops and starts the server (the "Restart Nova Server" command), resetting the restart budget. */
  async restart(): Promise<void> {
    this.restarts.length = 0;
    const client = this.client;
    if (!client) {
      await this.ready();
      return;
    }
    await client.restart();
  }

  dispose(): Promise<void> | undefined {
    this._onDidStart.dispose();
    // Returned so deactivate can wait for shutdown + exit: no server process outlives the extension.
    return this.client?.dispose(5_000);
  }

  /** The running client; the first call starts the server. */
  private ready(): Promise<LanguageClient> {
    this.starting ??= this.start().catch((error: unknown) => {
      this.starting = undefined;
      this.client = undefined;
      throw error;
    });
    return this.starting;
  }

  private async start(): Promise<LanguageClient> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !keyVariables.includes(name)));
    const run = { module, transport: TransportKind.ipc, options: { env } };
    const serverOptions: ServerOptions = { run, debug: run };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'typescript' },
        { scheme: 'file', language: 'typescriptreact' },
      ],
      diagnosticCollectionName: 'Nova',
      outputChannel: this.log,
      // This client answers nova/command.approve and nova/decision.ask (the chat's cards, or modals),
      // so agents may ask before a command and the person settles an escalation while the run waits.
      initializationOptions: { novaClient: true, commandApproval: true, escalationAnswers: true },
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue, handled: true }),
        closed: () => this.closed(),
      },
    };
    const client = new LanguageClient('nova', 'Nova', serverOptions, clientOptions);
    this.client = client;
    for (const subscription of this.subscriptions) this.subscribe(client, subscription);
    for (const { request, handler } of this.answerers) this.context.subscriptions.push(onRequest(client, request, handler, (message) => this.log.warn(message)));
    client.onDidChangeState(({ newState }) => {
      // A restart after a crash comes back here: the new process knows nothing until configured.
      if (newState === State.Running && this.firstStartDone) void this.configure(client).then(() => this._onDidStart.fire());
    });
    this.log.info('Starting Nova\'s language server');
    await client.start();
    await this.configure(client);
    this.firstStartDone = true;
    this._onDidStart.fire();
    return client;
  }

  private async configure(client: LanguageClient): Promise<void> {
    try {
      const { model } = await sendRequest(client, sessionConfigure, await this.configuration());
      this.log.info(`Nova's server uses ${model.label}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`Configuring Nova's server failed: ${message}`);
      void vscode.window.showErrorMessage(`Nova: ${message}`);
    }
  }

  /**
   * One client handler per method, which hands each notification to every subscription of it: the
   * language client keeps only the last handler registered for a method, and several parts of Nova
   * follow the same notification (the chat, the trace panels, the Runs view).
   */
  private subscribe(client: LanguageClient, { notification }: Subscription): void {
    let methods = this.dispatching.get(client);
    if (!methods) this.dispatching.set(client, (methods = new Set()));
    if (methods.has(notification.method)) return;
    methods.add(notification.method);
    this.context.subscriptions.push(client.onNotification(notification.method, (raw: unknown) => void this.dispatch(notification.method, raw)));
  }

  /** The server's process ended without being asked to: restart it, a bounded number of times. */
  private closed(): { action: CloseAction; handled: boolean } {
    const now = Date.now();
    while (this.restarts.length > 0 && now - (this.restarts[0] ?? now) > restartWindowMs) this.restarts.shift();
    if (this.restarts.length < maxRestarts) {
      this.restarts.push(now);
      const message = `Nova's server stopped unexpectedly and was restarted (${this.restarts.length} of ${maxRestarts} within 3 minutes). Proposals and traces are kept; a run that was in progress ended with it.`;
      this.log.warn(message);
      void vscode.window.showWarningMessage(message);
      return { action: CloseAction.Restart, handled: true };
    }
    const message = `Nova's server stopped ${maxRestarts + 1} times within 3 minutes and was not restarted. Reviews and runs are unavailable until you restart it.`;
    this.log.error(message);
    void vscode.window.showErrorMessage(message, 'Restart Nova Server', 'Show Log').then((choice) => {
      if (choice === 'Restart Nova Server') void vscode.commands.executeCommand(commandIds.restartServer);
      if (choice === 'Show Log') this.log.show();
    });
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}
