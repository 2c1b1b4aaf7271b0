/**
 * Any LSP editor gets Nova's review without knowing Nova: a client that speaks only standard LSP
 * over stdio (rootUri, no workspaceFolders, no initializationOptions) gets diagnostics and quick
 * fixes, is told in a standard message (window/showMessage, which blocks nothing) when a proposal
 * was stored, and sees the server exit cleanly.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { serverBundle } from '../../support/lspServer';
import { sampleCopy } from './sampleServer';

/** Resolves once `ready()` returns a value, checking as messages arrive. */
function until<T>(ready: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const value = ready();
      if (value !== undefined) resolve(value);
      else if (Date.now() - started > timeoutMs) reject(new Error(`No ${what} within ${timeoutMs} ms`));
      else setTimeout(check, 20);
    };
    check();
  });
}

describe('Nova server: a plain LSP client over stdio', function () {
  this.timeout(60_000);
  let folder: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ folder, cleanup } = await sampleCopy()));
  after(() => cleanup?.());

  it('gets diagnostics, a quick fix that stores a proposal, a message saying so, and exit code 0', async () => {
    const child = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const diagnostics: PublishDiagnosticsParams[] = [];
    const messages: string[] = [];
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      diagnostics.push(params);
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      messages.push(params.message);
    });
    // A request would block clients that prompt for it (Neovim 0.7 does): it must not be used to tell.
    const blocking: string[] = [];
    connection.onRequest(ShowMessageRequest.type, (params) => {
      blocking.push(params.message);
      return null;
    });
    connection.listen();
    try {
      const uri = pathToFileURL(path.join(folder, 'src/report.ts')).href;
      const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {} });
      assert.equal(init.serverInfo?.name, 'Nova');
      await connection.sendNotification(InitializedNotification.type, {});
      const text = await fs.readFile(path.join(folder, 'src/report.ts'), 'utf8');
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });

      const published = await until(() => diagnostics.find((params) => params.uri === uri), 'diagnostics');
      const unused = published.diagnostics.find((diagnostic) => diagnostic.code === 'ts-6133');
      assert.ok(unused, 'the unused import is reported');
      assert.equal(unused.source, 'Nova');

      const actions = (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: unused.range, context: { diagnostics: [unused] } })) as CodeAction[];
      assert.equal(actions.length, 1);
      const command = actions[0]!.command!;
      const result = (await connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments ?? [] })) as { proposalId: string };
      assert.match(result.proposalId, /^p-/);
      const told = await until(() => messages.find((message) => /stored a proposal/.test(message)), 'message about the proposal');
      assert.match(told, /Nothing was changed/);
      assert.deepEqual(blocking, [], 'told with window/showMessage, never a window/showMessageRequest');
      assert.equal(await fs.readFile(path.join(folder, 'src/report.ts'), 'utf8'), text);
      assert.ok((await fs.readdir(path.join(folder, '.nova', 'proposals'))).includes(`${result.proposalId}.json`));

      assert.equal(await connection.sendRequest(ShutdownRequest.type), null);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
