import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/extension/contributions';
import type { NovaApi } from '../../../src/extension/main';
import { delay } from '../../poll';

// Runs inside the real extension host, on a copy of sample/ (see sample/README.md for its planted findings).
const manifest = require('../../../../package.json') as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;

async function nova(): Promise<NovaApi> {
  const extension = vscode.extensions.getExtension<NovaApi>(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  return extension.activate();
}

/**
 * Nova's diagnostics of the files that exist. An earlier suite's file, deleted while VS Code still
 * holds its document (closing the editor does not dispose it at once), keeps the diagnostics of that
 * open document; a workspace review, which reads the folder, rightly does not count it.
 */
function novaDiagnostics(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages
    .getDiagnostics()
    .filter(([uri]) => uri.scheme !== 'file' || fs.existsSync(uri.fsPath))
    .map(([uri, diagnostics]): [vscode.Uri, vscode.Diagnostic[]] => [uri, diagnostics.filter((diagnostic) => diagnostic.source === 'Nova')])
    .filter(([, diagnostics]) => diagnostics.length > 0);
}

/** Retries `probe` (which may throw while the server restarts) until it returns a value. */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await delay(250)) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * The quick fixes VS Code gets for a range. VS Code cancels a code-action request whenever the
 * document's diagnostics change meanwhile (the server re-reviews open files when trust or settings
 * are sent again, as the earlier suites do); an editor simply asks again, and so does this.
 */
async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || (error.name !== 'Canceled' && error.message !== 'Canceled')) throw error;
      await delay(500);
    }
  }
}

describe('Nova\'s language server in a real VS Code', () => {
  it('publishes a workspace review as diagnostics that VS Code lists', async () => {
    await nova();
    const result = (await vscode.commands.executeCommand(commandIds.reviewWorkspace)) as { files: number; findings: number } | undefined;
    assert.ok(result, 'the review returned nothing (failed or cancelled; see the Nova log)');
    assert.ok(result.files >= 6 && result.findings > 0, `reviewed ${result.files} file(s), ${result.findings} finding(s)`);
    const found = await eventually(async () => {
      const entries = novaDiagnostics();
      return entries.length > 0 && entries.reduce((sum, [, diagnostics]) => sum + diagnostics.length, 0) === result.findings ? entries : undefined;
    }, 20_000);
    const listed = novaDiagnostics().map(([uri, diagnostics]) => `${vscode.workspace.asRelativePath(uri)} (${diagnostics.map((diagnostic) => String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code)).join(', ')})`);
    assert.ok(found, `VS Code lists ${listed.length} file(s) with Nova diagnostics, not the review's ${result.findings} finding(s): ${listed.join('; ')}`);
    const report = found.find(([uri]) => uri.path.endsWith('/src/report.ts'));
    assert.ok(report?.[1].some((diagnostic) => diagnostic.code === 'ts-6133'), 'the unused import in src/report.ts is not among the diagnostics');
  });

  it('turns a quick fix into a pending proposal that survives a killed server', async () => {
    const api = await nova();
    const [uri, diagnostics] = novaDiagnostics().find(([candidate]) => candidate.path.endsWith('/src/report.ts')) ?? [];
    const unused = diagnostics?.find((diagnostic) => diagnostic.code === 'ts-6133');
    assert.ok(uri && unused, 'run the review test first: no unused-import diagnostic in src/report.ts');
    const before = (await vscode.workspace.openTextDocument(uri)).getText();

    const actions = await quickFixes(uri, unused.range);
    const propose = actions.find((action) => action.title.startsWith('Nova: propose'));
    assert.ok(propose?.command, `no Nova quick fix among: ${actions.map((action) => action.title).join(', ')}`);
    assert.equal(propose.edit, undefined, 'a Nova quick fix must not edit: it creates a proposal');
    await vscode.commands.executeCommand(propose.command.command, ...(propose.command.arguments ?? []));
    assert.equal((await vscode.workspace.openTextDocument(uri)).getText(), before, 'the file changed: a proposal must wait for the person');

    const pending = await api.pendingProposals();
    const proposal = pending.find((stored) => stored.source.kind === 'fix' && stored.source.path === 'src/report.ts');
    assert.ok(proposal, `the proposal is not listed; pending: ${pending.map((stored) => stored.summary).join(', ')}`);

    const pid = await api.serverProcessId();
    process.kill(pid, 'SIGKILL');
    const restarted = await eventually(async () => {
      const next = await api.serverProcessId();
      return next !== pid ? next : undefined;
    }, 30_000);
    assert.ok(restarted, `the server (pid ${pid}) was not restarted within 30 s`);
    assert.throws(() => process.kill(pid, 0), 'the killed server process is still there');

    const afterRestart = await api.pendingProposals();
    assert.ok(afterRestart.some((stored) => stored.id === proposal.id), 'the pending proposal is gone after the restart');
  });
});
