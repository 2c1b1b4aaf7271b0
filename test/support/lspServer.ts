/**
 * Nova's language server as an LSP client meets it: `dist/server.js` in its own process, spoken to
 * over a real JSON-RPC connection (stdio or Node IPC), with typed helpers for Nova's methods and a
 * record of every notification and server → client request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { NovaNotification, NovaRequest } from '../../src/protocol/message';
import { repoRoot } from '../../tools/paths';

export const serverBundle = path.join(repoRoot, 'dist', 'server.js');

/** A notification the server sent. */
export interface Received {
  readonly method: string;
  readonly params: unknown;
}

export interface LspServerOptions {
  readonly transport?: 'stdio' | 'ipc';
  /** Workspace folders (absolute paths); none for a client without a workspace. */
  readonly folders?: readonly string[];
  readonly initializationOptions?: unknown;
  /** Extra environment for the server process. */
  readonly env?: NodeJS.ProcessEnv;
  /** The reply to `window/showMessageRequest` (e.g. a command approval); default: dismissed. */
  readonly answerMessage?: (params: { message: string; actions?: { title: string }[] }) => { title: string } | null;
}

/** A started, initialized server with a client connection to it. */
export class LspServer {
  readonly received: Received[] = [];
  readonly messageRequests: { message: string }[] = [];
  private stderrText = '';
  private waiters: { match: (item: Received) => boolean; resolve: (item: Received) => void }[] = [];

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  /** Spawns dist/server.js, connects, and completes `initialize` + `initialized`. */
  static async start(options: LspServerOptions = {}): Promise<{ server: LspServer; initialize: InitializeResult; readyMs: number }> {
    const transport = options.transport ?? 'stdio';
    const started = performance.now();
    const child = spawn(process.execPath, [serverBundle, transport === 'stdio' ? '--stdio' : '--node-ipc'], {
      stdio: transport === 'stdio' ? ['pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ...options.env },
    });
    const connection =
      transport === 'stdio'
        ? createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
        : createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const server = new LspServer(child, connection);
    child.stderr?.on('data', (chunk: Buffer) => (server.stderrText += chunk.toString()));
    // No handler is registered per method, so every notification arrives here.
    connection.onUnhandledNotification((message) => server.record({ method: message.method, params: message.params }));
    connection.onRequest('window/showMessageRequest', (params: { message: string; actions?: { title: string }[] }) => {
      server.messageRequests.push(params);
      return options.answerMessage?.(params) ?? null;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    const folders = options.folders ?? [];
    const initialize = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) })),
      capabilities: { workspace: { workspaceFolders: true } },
      initializationOptions: options.initializationOptions,
    });
    const readyMs = performance.now() - started;
    await connection.sendNotification('initialized', {});
    return { server, initialize, readyMs };
  }

  /** Sends a Nova request, typed by its declaration (params are sent as given: tests send bad ones too). */
  request<P, R>(request: NovaRequest<P, R>, params: P): Promise<R> {
    return this.connection.sendRequest(request.method, params) as Promise<R>;
  }

  /** The notifications with this method received so far, params typed by the declaration. */
  notifications<P>(notification: NovaNotification<P>): P[] {
    return this.received.filter((item) => item.method === notification.method).map((item) => item.params as P);
  }

  /** The first notification (already received or still to come) that matches. */
  waitFor(method: string, match: (params: unknown) => boolean = () => true, timeoutMs = 30_000): Promise<unknown> {
    const found = this.received.find((item) => item.method === method && match(item.params));
    if (found) return Promise.resolve(found.params);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No ${method} within ${timeoutMs} ms. Server stderr:\n${this.stderrText}`)), timeoutMs);
      this.waiters.push({
        match: (item) => item.method === method && match(item.params),
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item.params);
        },
      });
    });
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The process's exit, as `{code, signal}`. */
  exited(timeoutMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.alive) return Promise.resolve({ code: this.process.exitCode, signal: this.process.signalCode });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The server did not exit within ${timeoutMs} ms`)), timeoutMs);
      this.process.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal });
      });
    });
  }

  /** LSP shutdown + exit; kills the process if it does not go. */
  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 5_000))]);
        await this.connection.sendNotification('exit');
        await this.exited(5_000);
      } catch {
        this.process.kill('SIGKILL');
      }
    }
    this.connection.dispose();
  }

  private record(item: Received): void {
    this.received.push(item);
    const ready = this.waiters.filter((waiter) => waiter.match(item));
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve(item);
  }
}
