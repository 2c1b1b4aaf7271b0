import * as path from 'node:path';
import * as fs from 'node:fs/promises';
/**
 * Review findings as an editor sees them over a real LSP connection (stdio): what `initialize`
 * offers, diagnostics with exact ranges and evidence for opened files, and unsaved text reviewed as
 * it changes, debounced.
 */
import * as assert from 'node:assert/strict';
import {
  DidOpenTextDocumentNotification,
  DiagnosticSeverity,
  DiagnosticTag,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  TextDocumentSyncKind,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { version } from '../../../package.json';
import { byRule, fileUri, startOnSample, textAt, type SampleSession } from './sampleServer';

describe('Nova server: review diagnostics over LSP', function () {
  this.timeout(60_000);
  let session: SampleSession;
  before(async () => (session = await startOnSample()));
  after(() => session?.close());

  it('answers initialize with Nova, incremental sync, quick fixes and nova.proposeFix', () => {
    const { capabilities, serverInfo } = session.initialize;
    assert.deepEqual(serverInfo, { name: 'Nova', version });
    assert.equal(capabilities.textDocumentSync, TextDocumentSyncKind.Incremental);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'], resolveProvider: false });
    assert.deepEqual(capabilities.executeCommandProvider, { commands: ['nova.proposeFix'] });
  });

  it('publishes an unused import on its exact name, faded, with the TypeScript code for its fix', async () => {
    const text = await session.disk('src/report.ts');
    const published = await session.open('src/report.ts');
    assert.equal(published.uri, fileUri(session.folder, 'src/report.ts'));
    const unused = byRule(published, 'ts-6133');
    assert.equal(unused.source, 'Nova');
    assert.equal(unused.severity, DiagnosticSeverity.Warning);
    assert.equal(unused.range.start.line, 1, 'line 2 of src/report.ts');
    assert.equal(textAt(text, unused.range), 'slugify');
    assert.match(String(unused.message), /'slugify' is declared but its value is never read/);
    assert.deepEqual(unused.tags, [DiagnosticTag.Unnecessary]);
    assert.deepEqual(unused.data, { tsCode: 6133, fingerprint: (unused.data as { fingerprint: string }).fingerprint, confidence: 'high', analyzer: 'typescript' }, 'with how sure the analyzer is, and which one it was');
    assert.match((unused.data as { fingerprint: string }).fingerprint, /^[0-9a-f]{32}$/, 'its stable identity, for dismissals');
    assert.doesNotMatch(String(unused.message), /typescript_fixes|TypeScript can/, 'the hint speaks to the person, not in tool names');
    // parseDate, imported on the same line, is used: only the planted finding is reported.
    assert.deepEqual(published.diagnostics.map((diagnostic) => diagnostic.code), ['ts-6133']);
  });

  it('points a floating promise at the declaration that returns the promise', async () => {
    const text = await session.disk('src/sync.ts');
    const published = await session.open('src/sync.ts');
    const floating = byRule(published, 'floating-promise');
    assert.equal(floating.source, 'Nova');
    assert.equal(floating.severity, DiagnosticSeverity.Warning);
    assert.equal(floating.range.start.line, 31, 'line 32 of src/sync.ts');
    assert.match(textAt(text, floating.range), /^this\.transport\.post\(/);
    assert.deepEqual(Object.keys(floating.data as object), ['fingerprint', 'confidence', 'analyzer'], 'not a TypeScript finding: its fix is Nova\'s own');
    assert.equal((floating.data as { analyzer: string }).analyzer, 'floating-promise');
    const [evidence, ...more] = floating.relatedInformation ?? [];
    assert.ok(evidence, 'the evidence is attached as related information');
    assert.deepEqual(more, []);
    assert.equal(evidence.location.uri, fileUri(session.folder, 'src/sync.ts'));
    assert.equal(textAt(text, evidence.location.range), 'post');
    assert.match(text.split('\n')[evidence.location.range.start.line] ?? '', /post\(url: string, body: unknown, headers: Record<string, string>\): Promise<void>;/);
    assert.match(evidence.message, /Promise<void>/);

    // The other planted findings of the file, each on its offending token.
    const secret = byRule(published, 'hardcoded-secret');
    assert.equal(secret.severity, DiagnosticSeverity.Error);
    assert.match(textAt(text, secret.range), /^"sk-test-FAKE-[\w-]+"$/, 'the credential itself');
    assert.equal(textAt(text, byRule(published, 'explicit-any').range), 'any');
    assert.match(textAt(text, byRule(published, 'empty-catch').range), /^catch \(err\) \{\s*\}$/);
  });

  it('reviews the unsaved text of an open document, and again after an edit, debounced', async () => {
    const disk = await session.disk('src/filters.ts');
    const unsaved = `${disk}export let loose: any = 1;\n`;
    const addedLine = unsaved.split('\n').length - 2;
    const opened = await session.open('src/filters.ts', unsaved);
    const onlyInBuffer = opened.diagnostics.filter((diagnostic) => diagnostic.range.start.line === addedLine);
    assert.deepEqual(onlyInBuffer.map((diagnostic) => diagnostic.code), ['explicit-any'], 'the finding in text that is not on disk');
    assert.equal(textAt(unsaved, onlyInBuffer[0]!.range), 'any');
    const onDisk = opened.diagnostics.filter((diagnostic) => diagnostic.range.start.line !== addedLine);

    const changedAt = performance.now();
    await session.change('src/filters.ts', 2, disk);
    const updated = await session.diagnostics('src/filters.ts', 2);
    assert.ok(performance.now() - changedAt >= 250, 'the review waits for typing to pause (~300 ms)');
    assert.deepEqual(updated.diagnostics, onDisk, 'the finding went with the text; the rest stay as they were');
    assert.equal(await session.disk('src/filters.ts'), disk, 'the file on disk was never touched');
  });

  it('reviews a burst of edits once, at the last version', async () => {
    const disk = await session.disk('src/board.ts');
    const opened = await session.open('src/board.ts');
    assert.ok(opened.diagnostics.some((diagnostic) => diagnostic.code === 'loose-equality'));
    const before = session.published('src/board.ts').length;
    await session.change('src/board.ts', 2, `${disk}// a\n`);
    await session.change('src/board.ts', 3, `${disk}// ab\n`);
    await session.change('src/board.ts', 4, disk.replace('t.id == id', 't.id === id'));
    const last = await session.diagnostics('src/board.ts', 4);
    assert.ok(!last.diagnostics.some((diagnostic) => diagnostic.code === 'loose-equality'), 'the fixed comparison is no longer reported');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(
      session.published('src/board.ts').slice(before).map((published) => published.version),
      [4],
      'no diagnostics for the intermediate versions',
    );
  });

  /** The diagnostics published for `uri` without a version: no document is open any more. */
  const closedDiagnostics = async (uri: string) =>
    (await session.server.waitFor(PublishDiagnosticsNotification.method, (params) => {
      const published = params as PublishDiagnosticsParams;
      return published.uri === uri && published.version === undefined;
    })) as PublishDiagnosticsParams;

  it('falls back to the file on disk when an edited document is closed', async () => {
    const disk = await session.disk('src/util.ts');
    const opened = await session.open('src/util.ts', `${disk}export function lax(a: unknown, b: unknown): boolean {\n  return a == b;\n}\n`);
    assert.deepEqual(opened.diagnostics.map((diagnostic) => diagnostic.code), ['loose-equality']);
    const uri = fileUri(session.folder, 'src/util.ts');
    await session.server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    const closed = await closedDiagnostics(uri);
    assert.deepEqual(closed.diagnostics, [], 'util.ts has no finding on disk');
  });

  it('clears the diagnostics of a file deleted while it was open, once it is closed', async () => {
    await fs.writeFile(path.join(session.folder, 'src/gone.ts'), 'export function lax(a: unknown, b: unknown): boolean {\n  return a == b;\n}\n');
    const opened = await session.open('src/gone.ts');
    assert.deepEqual(opened.diagnostics.map((diagnostic) => diagnostic.code), ['loose-equality']);
    await fs.rm(path.join(session.folder, 'src/gone.ts'));
    const uri = fileUri(session.folder, 'src/gone.ts');
    await session.server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    const cleared = await closedDiagnostics(uri);
    assert.deepEqual(cleared.diagnostics, [], 'the findings of a file that no longer exists stay listed');
  });

  it('does not review a file open inside what a workspace review skips (.git, node_modules)', async () => {
    const skipped = ['node_modules/dep/index.ts', '.git/nova/worktrees/r1/src/board.ts'];
    const text = 'export function same(a: unknown, b: unknown): boolean {\n  return a == b;\n}\n';
    for (const relative of skipped) {
      await fs.mkdir(path.dirname(path.join(session.folder, relative)), { recursive: true });
      await fs.writeFile(path.join(session.folder, relative), text);
      await session.server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: fileUri(session.folder, relative), languageId: 'typescript', version: 1, text } });
    }
    // Reviews run one at a time, in the order asked: once a later file's are out, the skipped ones would have been too.
    await session.open('src/types.ts');
    for (const relative of skipped) assert.deepEqual(session.published(relative), [], relative);
  });
});
