/**
 * The editor's review honours what the command line honours (a real LSP connection): a finding a
 * `// nova-ignore <rule>: reason` comment suppresses, or the baseline `.nova/review-baseline.json`
 * holds, is not published; a comment that gives no reason is itself a finding; and a baseline that
 * is not one is reported and the review goes on without it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { reviewList, reviewRun, type ReviewedFile } from '../../../src/protocol/review';
import { LspServer } from '../../support/lspServer';
import { sampleCopy } from '../../support/sampleRepository';
import { fileUri, startNovaClient as start } from './sampleServer';

describe('Nova server: nova-ignore comments and the review baseline', function () {
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

  const rulesIn = async (file: string): Promise<string[]> => {
    const list = (await server?.connection.sendRequest(reviewList.method, {})) as { files: ReviewedFile[] };
    return (list.files.find((entry) => entry.uri === fileUri(folder, file))?.findings ?? []).map((found) => found.rule).sort();
  };

  it('publishes neither a suppressed finding nor a baselined one, and a comment without a reason is a finding', async () => {
    const board = path.join(folder, 'src', 'board.ts');
    const text = await fs.readFile(board, 'utf8');
    assert.match(text, /t\.id == id\);/);
    await fs.writeFile(board, text.replace('t.id == id);', 't.id == id); // nova-ignore loose-equality: ids are numbers on both sides').replace(/^/, '// nova-ignore explicit-any\n'));

    server = await start(folder);
    await server.connection.sendRequest(reviewRun.method, {});
    const boardRules = await rulesIn('src/board.ts');
    assert.ok(!boardRules.includes('loose-equality'), `suppressed by its comment: ${boardRules.join(', ')}`);
    assert.ok(boardRules.includes('nova-ignore'), 'the comment without a reason is reported');
    assert.ok((await rulesIn('src/sync.ts')).includes('hardcoded-secret'));

    const list = (await server.connection.sendRequest(reviewList.method, {})) as { files: ReviewedFile[] };
    const secret = list.files.find((entry) => entry.uri === fileUri(folder, 'src/sync.ts'))?.findings.find((found) => found.rule === 'hardcoded-secret');
    assert.ok(secret?.fingerprint);
    await fs.writeFile(path.join(folder, '.nova', 'review-baseline.json'), JSON.stringify({ version: 1, findings: [{ fingerprint: secret.fingerprint, rule: 'hardcoded-secret', path: 'src/sync.ts' }] }));
    await server.connection.sendRequest(reviewRun.method, {});
    assert.ok(!(await rulesIn('src/sync.ts')).includes('hardcoded-secret'), 'the baselined secret is no longer published');
    const diagnostics = server.received.filter((item) => item.method === PublishDiagnosticsNotification.method && (item.params as PublishDiagnosticsParams).uri === fileUri(folder, 'src/sync.ts')).at(-1)?.params as PublishDiagnosticsParams | undefined;
    assert.ok(diagnostics && !diagnostics.diagnostics.some((diagnostic) => diagnostic.code === 'hardcoded-secret'));
  });

  it('reviews without a baseline that is not one, and says so', async () => {
    await fs.mkdir(path.join(folder, '.nova'), { recursive: true });
    await fs.writeFile(path.join(folder, '.nova', 'review-baseline.json'), '{ not json');
    server = await start(folder);
    const result = (await server.connection.sendRequest(reviewRun.method, {})) as { findings: number; problems: string[] };
    assert.ok(result.findings > 0);
    assert.ok(result.problems.some((problem) => /review-baseline\.json is not JSON .*; reviewed without it/.test(problem)), result.problems.join('\n'));
    assert.ok((await rulesIn('src/sync.ts')).includes('hardcoded-secret'));
  });
});
