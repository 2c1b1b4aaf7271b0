/**
 * The editor's review state over a real LSP connection: a workspace review is kept in
 * `.nova/review/`, a restarted server publishes it again without reviewing files whose text did not
 * change (and reviews the ones that did), a dismissed finding stays out of diagnostics, later
 * reviews and later servers, Review Changes reviews only what git says changed, and a tampered
 * state file is untrusted input.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { reviewDismiss, reviewFindings, reviewList, reviewProgress, reviewRun, type ReviewedFile } from '../../../src/protocol/review';
import { LspServer } from '../../support/lspServer';
import { sampleCopy, sampleRepository } from '../../support/sampleRepository';
import { fileUri, startNovaClient as start } from './sampleServer';

function published(server: LspServer, uri: string): PublishDiagnosticsParams[] {
  return server.received.filter((item) => item.method === PublishDiagnosticsNotification.method && (item.params as PublishDiagnosticsParams).uri === uri).map((item) => item.params as PublishDiagnosticsParams);
}

const codes = (params: PublishDiagnosticsParams | undefined) => (params?.diagnostics ?? []).map((diagnostic) => String(diagnostic.code)).sort();

describe('Nova server: the last review outlives the server', function () {
  this.timeout(120_000);
  let folder: string;
  let cleanup: () => Promise<void>;
  let server: LspServer | undefined;
  beforeEach(async () => ({ folder, cleanup } = await sampleCopy()));
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await cleanup();
  });

  it('publishes a workspace review file by file with progress, keeps it, and a restarted server publishes it again unopened', async () => {
    server = await start(folder);
    const result = await server.connection.sendRequest(reviewRun.method, {});
    const { files, findings } = result as { files: number; findings: number };
    assert.ok(files >= 6 && findings >= 9, `the sample's planted findings (${files} files, ${findings} findings)`);
    const notified = server.received.filter((item) => item.method === reviewFindings.method).map((item) => item.params as ReviewedFile);
    assert.equal(notified.length, files, 'one findings notification per reviewed file, empty ones included');
    assert.equal(notified.reduce((sum, file) => sum + file.findings.length, 0), findings);
    const secret = notified.flatMap((file) => file.findings).find((finding) => finding.rule === 'hardcoded-secret');
    assert.deepEqual([secret?.analyzer, secret?.confidence], ['hardcoded-secret', 'medium'], 'each finding says which analyzer raised it and how sure it is');
    const progress = server.received.filter((item) => item.method === reviewProgress.method).map((item) => item.params as { reviewed: number; total: number });
    assert.deepEqual(progress.at(-1), { reviewed: files, total: files });
    assert.ok(progress.length >= 3, `progress in steps (${progress.length})`);
    const kept = JSON.parse(await fs.readFile(path.join(folder, '.nova', 'review', 'last.json'), 'utf8')) as { files: Record<string, { hash: string }> };
    assert.ok(kept.files['src/board.ts'], 'the state names files by workspace path');
    assert.match(await fs.readFile(path.join(folder, '.nova', '.gitignore'), 'utf8'), /^\/review\/$/m, 'the state stays out of Source Control');
    const before = (await server.connection.sendRequest(reviewList.method, {})) as { files: ReviewedFile[] };
    await server.stop();

    // Planted in the kept state: a message the analyzers never write. Seeing it proves board.ts was not reviewed again.
    const state = JSON.parse(await fs.readFile(path.join(folder, '.nova', 'review', 'last.json'), 'utf8')) as { files: Record<string, { findings: { rule: string; message: string }[] }> };
    for (const found of state.files['src/board.ts']?.findings ?? []) if (found.rule === 'loose-equality') found.message = 'kept, not recomputed';
    await fs.writeFile(path.join(folder, '.nova', 'review', 'last.json'), JSON.stringify(state));
    // report.ts changes on disk while no server runs: its unused import goes.
    const report = path.join(folder, 'src', 'report.ts');
    await fs.writeFile(report, (await fs.readFile(report, 'utf8')).replace(', slugify }', ' }'));

    server = await start(folder);
    const boardUri = fileUri(folder, 'src/board.ts');
    const board = (await server.waitFor(PublishDiagnosticsNotification.method, (params) => (params as PublishDiagnosticsParams).uri === boardUri)) as PublishDiagnosticsParams;
    assert.equal(board.diagnostics.find((diagnostic) => diagnostic.code === 'loose-equality')?.message, 'kept, not recomputed\nUse `===`.');
    const reportUri = fileUri(folder, 'src/report.ts');
    await server.waitFor(PublishDiagnosticsNotification.method, (params) => (params as PublishDiagnosticsParams).uri === reportUri);
    assert.ok(!codes(published(server, reportUri).at(-1)).includes('ts-6133'), 'the changed file was reviewed again');
    const after = (await server.connection.sendRequest(reviewList.method, {})) as { files: ReviewedFile[] };
    const fingerprintsOf = (list: { files: ReviewedFile[] }, file: string) => list.files.find((entry) => entry.path === file)?.findings.map((found) => found.fingerprint);
    assert.deepEqual(fingerprintsOf(after, 'src/sync.ts'), fingerprintsOf(before, 'src/sync.ts'), 'the same findings, by fingerprint');
  });

  it('keeps a dismissed finding out of diagnostics, the next review and the next server', async () => {
    server = await start(folder);
    await server.connection.sendRequest(reviewRun.method, {});
    const syncUri = fileUri(folder, 'src/sync.ts');
    const list = (await server.connection.sendRequest(reviewList.method, {})) as { files: ReviewedFile[] };
    const secret = list.files.find((file) => file.uri === syncUri)?.findings.find((found) => found.rule === 'hardcoded-secret');
    assert.ok(secret);
    const count = published(server, syncUri).length;
    assert.deepEqual(await server.connection.sendRequest(reviewDismiss.method, { fingerprint: secret.fingerprint }), { dismissed: true });
    assert.deepEqual(await server.connection.sendRequest(reviewDismiss.method, { fingerprint: secret.fingerprint }), { dismissed: false }, 'once');
    assert.deepEqual(await server.connection.sendRequest(reviewDismiss.method, { fingerprint: 'no-such-finding' }), { dismissed: false });
    assert.ok(published(server, syncUri).length > count, 'the file is published again');
    assert.ok(!codes(published(server, syncUri).at(-1)).includes('hardcoded-secret'));
    const again = (await server.connection.sendRequest(reviewRun.method, {})) as { dismissed: number };
    assert.equal(again.dismissed, 1);
    assert.ok(!codes(published(server, syncUri).at(-1)).includes('hardcoded-secret'), 'the next review leaves it out');
    await server.stop();
    server = await start(folder);
    await server.waitFor(PublishDiagnosticsNotification.method, (params) => (params as PublishDiagnosticsParams).uri === syncUri);
    assert.ok(!codes(published(server, syncUri).at(-1)).includes('hardcoded-secret'), 'and so does the next server');
    assert.ok(codes(published(server, syncUri).at(-1)).includes('empty-catch'), 'the other findings are back');
  });

  it('ignores kept paths that lead out of the workspace, and a state file that does not parse', async () => {
    const outside = path.join(path.dirname(folder), `outside-${path.basename(folder)}.ts`);
    await fs.writeFile(outside, 'export const a = 1;\n');
    try {
      await fs.mkdir(path.join(folder, '.nova', 'review'), { recursive: true });
      const finding = { path: '../x.ts', line: 1, severity: 'error', rule: 'r', message: 'planted', range: { startLine: 1, startColumn: 0, endLine: 1, endColumn: 1 }, fingerprint: 'f' };
      const tampered = { version: 1, files: { [`../${path.basename(outside)}`]: { hash: '0'.repeat(64), findings: [finding] }, '/etc/hosts.ts': { hash: '0'.repeat(64), findings: [finding] } } };
      await fs.writeFile(path.join(folder, '.nova', 'review', 'last.json'), JSON.stringify(tampered));
      await fs.writeFile(path.join(folder, '.nova', 'review', 'dismissed.json'), '{ not json');
      server = await start(folder);
      assert.deepEqual(await server.connection.sendRequest(reviewList.method, {}), { files: [] });
      assert.ok(!server.received.some((item) => item.method === PublishDiagnosticsNotification.method && JSON.stringify(item.params).includes('planted')), 'nothing outside is published');
      assert.match(server.stderr + JSON.stringify(server.received), /dismissed\.json is not JSON/);
    } finally {
      await fs.rm(outside, { force: true });
    }
  });
});

describe('Nova server: Review Changes', function () {
  this.timeout(120_000);

  it('reviews only the TypeScript files changed against HEAD, staged, unstaged or new', async () => {
    const { folder, cleanup } = await sampleRepository();
    const server = await start(folder);
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, stdio: 'pipe' });
      const none = (await server.connection.sendRequest(reviewRun.method, { changed: true })) as { files: number; problems: string[] };
      assert.equal(none.files, 0);
      assert.deepEqual(none.problems, ['No TypeScript file changed against HEAD.']);
      await fs.appendFile(path.join(folder, 'src', 'board.ts'), '\nexport const unstaged = 1;\n');
      await fs.appendFile(path.join(folder, 'src', 'sync.ts'), '\nexport const staged = 1;\n');
      git('add', 'src/sync.ts');
      await fs.writeFile(path.join(folder, 'src', 'fresh.ts'), 'export const same = (a: number, b: unknown) => a == b;\n');
      await fs.writeFile(path.join(folder, 'notes.md'), 'not TypeScript\n');
      git('rm', '--quiet', 'src/types.ts');
      const changed = (await server.connection.sendRequest(reviewRun.method, { changed: true })) as { files: number; uris: string[] };
      assert.equal(changed.files, 3);
      assert.deepEqual([...changed.uris].sort(), ['src/board.ts', 'src/fresh.ts', 'src/sync.ts'].map((file) => fileUri(folder, file)).sort());
    } finally {
      await server.stop();
      await cleanup();
    }
  });
});
