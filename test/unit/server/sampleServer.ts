/**
 * What the server tests share: a private copy of the sample workspace, Nova's server started on it,
 * and the standard LSP steps an editor takes (open, change, ask for code actions) with the
 * diagnostics they produce. The server is dist/server.js: build and bundle before running these.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  PublishDiagnosticsNotification,
  type CodeAction,
  type Command,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';
import type { ResultOf } from '../../../src/protocol/message';
import { sessionConfigure } from '../../../src/protocol/session';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import { LspServer, type LspServerOptions } from '../../support/lspServer';
import { sampleCopy } from '../../support/sampleRepository';

export { sampleCopy };

/** The `file:` URI of a workspace-relative path. */
/** A server on `folder` whose client is Nova's extension (it gets Nova's review notifications). */
export async function startNovaClient(folder: string): Promise<LspServer> {
  return (await LspServer.start({ folders: [folder], initializationOptions: { novaClient: true } })).server;
}

export function fileUri(folder: string, relative: string): string {
  return pathToFileURL(path.join(folder, relative)).href;
}

/** The text a range covers (LSP positions: 0-based lines, UTF-16 columns). */
export function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  const first = (lines[range.start.line] ?? '').slice(range.start.character);
  const middle = lines.slice(range.start.line + 1, range.end.line);
  const last = (lines[range.end.line] ?? '').slice(0, range.end.character);
  return [first, ...middle, last].join('\n');
}

/** A server on a fresh copy of the sample; `close` stops it and removes the copy. */
export interface SampleSession {
  readonly server: LspServer;
  readonly folder: string;
  readonly initialize: Awaited<ReturnType<typeof LspServer.start>>['initialize'];
  /** The file's text on disk. */
  disk(relative: string): Promise<string>;
  /** Opens a document (default: its text on disk) and waits for its first diagnostics. */
  open(relative: string, text?: string): Promise<PublishDiagnosticsParams>;
  /** Replaces a document's whole text as `version`; resolves at once (the review is debounced). */
  change(relative: string, version: number, text: string): Promise<void>;
  /** The first diagnostics published for a document at `version` that satisfy `match`. */
  diagnostics(relative: string, version: number, match?: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /** Every diagnostics notification received so far for a document. */
  published(relative: string): PublishDiagnosticsParams[];
  codeActions(relative: string, diagnostics: Diagnostic[]): Promise<(CodeAction | Command)[]>;
  execute(command: Command): Promise<unknown>;
  close(): Promise<void>;
}

export async function startOnSample(options: Omit<LspServerOptions, 'folders'> = {}): Promise<SampleSession> {
  const { folder, cleanup } = await sampleCopy();
  const { server, initialize } = await LspServer.start({ ...options, folders: [folder] });
  const uri = (relative: string) => fileUri(folder, relative);
  const published = (relative: string) =>
    server.received.filter((item) => item.method === PublishDiagnosticsNotification.method && (item.params as PublishDiagnosticsParams).uri === uri(relative)).map((item) => item.params as PublishDiagnosticsParams);
  const diagnostics = async (relative: string, version: number, match: (params: PublishDiagnosticsParams) => boolean = () => true) =>
    (await server.waitFor(PublishDiagnosticsNotification.method, (params) => {
      const published = params as PublishDiagnosticsParams;
      return published.uri === uri(relative) && published.version === version && match(published);
    })) as PublishDiagnosticsParams;
  const disk = (relative: string) => fs.readFile(path.join(folder, relative), 'utf8');
  return {
    server,
    folder,
    initialize,
    disk,
    published,
    diagnostics,
    open: async (relative, text) => {
      await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: uri(relative), languageId: 'typescript', version: 1, text: text ?? (await disk(relative)) },
      });
      return diagnostics(relative, 1);
    },
    change: (relative, version, text) => server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(relative), version }, contentChanges: [{ text }] }),
    codeActions: async (relative, diagnostics) =>
      (await server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(relative) }, range: diagnostics[0]!.range, context: { diagnostics } })) ?? [],
    execute: (command) => server.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments ?? [] }),
    close: async () => {
      await server.stop();
      await cleanup();
    },
  };
}

/** The one diagnostic with this rule as its code. */
export function byRule(published: PublishDiagnosticsParams, rule: string): Diagnostic {
  const found = published.diagnostics.filter((diagnostic) => diagnostic.code === rule);
  assert.equal(found.length, 1, `one ${rule} diagnostic in ${published.uri}; got: ${published.diagnostics.map((diagnostic) => diagnostic.code).join(', ')}`);
  return found[0]!;
}

/** A JSON-RPC error response as the client sees it. */
export interface RpcError {
  readonly code: number;
  readonly message: string;
  readonly data?: { issues?: string[] };
}

/** The error a request is answered with; fails if it succeeds. */
export async function rejection(request: Promise<unknown>): Promise<RpcError> {
  try {
    const result = await request;
    assert.fail(`expected an error response, got the result ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    return error as RpcError;
  }
}

/** A server on a copy of the sample whose Claude model (the scripted Messages API) is slow to answer. */
export interface HeldModelSession {
  readonly server: LspServer;
  readonly scripted: ScriptedServer;
  readonly folder: string;
  readonly apiKey: string;
  /** Configures the session for Claude through the scripted server, trusted. */
  configure(): Promise<ResultOf<typeof sessionConfigure>>;
  /** Resolves once a model call has reached the scripted server: the run is waiting on it. */
  modelCalled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A server whose first model call gets no answer for a minute, so a run started on it is certainly
 * still running while a test cancels it or asks for what a running run refuses.
 */
export async function startWithHeldModel(): Promise<HeldModelSession> {
  const apiKey = 'sk-ant-test-configured-0123456789';
  const scripted = await startScriptedServer({ apiKey });
  scripted.enqueue({ content: [{ type: 'text', text: 'Routing.' }], fault: { kind: 'slowFirstByte', ms: 60_000 } });
  const { folder, cleanup } = await sampleCopy();
  const { server } = await LspServer.start({ folders: [folder] });
  return {
    server,
    scripted,
    folder,
    apiKey,
    configure: () => server.request(sessionConfigure, { provider: 'anthropic', apiKey, baseURL: scripted.baseURL, trusted: true, commandAllowlist: [] }),
    modelCalled: async () => {
      while (!scripted.requests.some((request) => request.path === '/v1/messages')) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    close: async () => {
      await server.stop();
      await scripted.close();
      await cleanup();
    },
  };
}
