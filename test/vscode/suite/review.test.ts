/**
 * Review in a real VS Code, on a copy of sample/ (sample/README.md lists its planted findings):
 * Review Workspace fills the Problems view, the Findings view and one comment thread per finding; a
 * quick fix creates a change set and leaves the file alone; a reply outlives its thread; a finding dismissed in its thread is gone
 * from all three and stays gone after the next review and after Restart Server, when the kept review
 * comes back without a new one being asked for.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/extension/contributions';
import { codeOf, nova, novaDiagnostics, onDisk, total, until } from '../reviewState';

describe('Review in a real VS Code: Problems, the Findings view, comment threads', function () {
  this.timeout(180_000);
  const root = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';

  after(async () => {
    // Later suites see the sample's findings as planted: the dismissal goes, and a restarted server forgets it.
    fs.rmSync(path.join(root(), '.nova', 'review', 'dismissed.json'), { force: true });
    await vscode.commands.executeCommand(commandIds.restartServer);
  });

  it('fills Problems, the Findings view (by file and severity, with counts) and one comment thread per finding', async () => {
    const api = await nova();
    const result = (await vscode.commands.executeCommand(commandIds.reviewWorkspace)) as { files: number; findings: number } | undefined;
    assert.ok(result && result.findings >= 9, `the review found the sample's planted findings: ${JSON.stringify(result)}`);
    await until(() => (total(novaDiagnostics()) === result.findings ? true : undefined), 20_000, `Problems lists the review's ${result.findings} findings`);
    const threads = await until(() => {
      const drawn = api.testing.findingThreads.threads();
      return drawn.filter((thread) => onDisk(thread.uri)).length === result.findings ? drawn : undefined;
    }, 10_000, 'one comment thread per finding');
    const rows = await until(async () => {
      const drawn = await api.testing.findingsView.rows();
      return drawn.filter((row) => row.depth === 2).length === api.testing.findingThreads.threads().length ? drawn : undefined;
    }, 20_000, 'the Findings view lists every finding, as the threads do');
    const sync = rows.find((row) => row.depth === 0 && row.label === 'sync.ts');
    assert.ok(sync, `a row for src/sync.ts: ${rows.filter((row) => row.depth === 0).map((row) => row.label).join(', ')}`);
    assert.match(sync.description, /^src · 1 error, \d+ warnings?/, 'the file row counts its findings by severity');
    const errors = rows.find((row) => row.depth === 1 && row.label === 'Error');
    assert.equal(errors?.icon, 'error');
    assert.ok(rows.some((row) => row.depth === 2 && row.description.startsWith('hardcoded-secret · line 5') && row.icon === 'error'), 'the secret, with its rule and line');
    assert.match(api.testing.findingsView.title() ?? '', /\d+ errors?, \d+ warnings?/);
    const secret = threads.find((thread) => thread.label === 'Error · hardcoded-secret');
    assert.ok(secret && secret.uri.endsWith('/src/sync.ts') && secret.line === 5, JSON.stringify(secret));
    const first = (secret.comments[0] ?? '').replace(/&nbsp;/g, ' ').replace(/\\/g, '');
    assert.match(first, /hard-coded credential/, `the finding is the first comment (Markdown, its punctuation escaped): ${first}`);
    assert.match(first, /Raised by hardcoded-secret, medium confidence/, `with the analyzer that raised it and how sure it is: ${first}`);
    assert.ok(!threads.some((thread) => thread.comments.some((comment) => /typescript_fixes|TypeScript can/.test(comment))), 'no tool names in what the person reads');
  });

  it("offers Nova's fix for loose equality as a change set, and leaves the file alone", async () => {
    const api = await nova();
    const board = (await vscode.workspace.findFiles('src/board.ts'))[0];
    assert.ok(board);
    const loose = novaDiagnostics().get('src/board.ts')?.find((diagnostic) => codeOf(diagnostic) === 'loose-equality');
    assert.ok(loose, 'run the first test first: no loose-equality diagnostic in src/board.ts');
    const before = (await vscode.workspace.openTextDocument(board)).getText();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', board, loose.range, vscode.CodeActionKind.QuickFix.value);
    const propose = actions.find((action) => action.title === 'Nova: propose “Compare with ===”');
    assert.ok(propose?.command, `no Nova fix among: ${actions.map((action) => action.title).join(', ')}`);
    assert.equal(propose.edit, undefined, 'a Nova quick fix never edits');
    await vscode.commands.executeCommand(propose.command.command, ...(propose.command.arguments ?? []));
    assert.equal((await vscode.workspace.openTextDocument(board)).getText(), before, 'the file is unchanged until the person accepts');
    const pending = await api.pendingProposals();
    const proposal = pending.find((stored) => stored.source.kind === 'fix' && stored.source.rule === 'loose-equality');
    assert.ok(proposal, `a pending change set; pending: ${pending.map((stored) => stored.summary).join(', ')}`);
    assert.match(proposal.files[0]?.hunks[0]?.after ?? '', /t\.id === id/);
  });

  it("keeps the person's reply on a finding that went away while they edited and came back", async () => {
    const api = await nova();
    const threads = api.testing.findingThreads;
    const loose = threads.threads().find((thread) => thread.label === 'Warning · loose-equality' && thread.uri.endsWith('/src/board.ts'));
    assert.ok(loose, 'run the first test first');
    await threads.reply(loose.fingerprint, 'Ids come in as strings; fixing it after the release.');
    const replies = () => threads.threads().find((thread) => thread.fingerprint === loose.fingerprint)?.comments.slice(1);
    assert.deepEqual(replies(), ['Ids come in as strings; fixing it after the release.']);

    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(loose.uri));
    const line = document.lineAt(loose.line - 1);
    const column = line.text.indexOf(' == ');
    assert.ok(column >= 0, `the thread's line compares with ==: ${line.text}`);
    const at = new vscode.Range(loose.line - 1, column + 1, loose.line - 1, column + 3);
    const replace = async (range: vscode.Range, text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, range, text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    try {
      await replace(at, '===');
      await until(() => (threads.threads().some((thread) => thread.fingerprint === loose.fingerprint) ? undefined : true), 20_000, 'the fixed comparison loses its thread');
      await replace(new vscode.Range(at.start, at.start.translate(0, 3)), '==');
      await until(() => (threads.threads().some((thread) => thread.fingerprint === loose.fingerprint) ? true : undefined), 20_000, 'the comparison put back gets its thread back');
      assert.deepEqual(replies(), ['Ids come in as strings; fixing it after the release.'], 'with the reply the person wrote');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('keeps a finding dismissed in its thread out of Problems, the view and the threads, after the next review and after Restart Server', async () => {
    const api = await nova();
    const threads = api.testing.findingThreads;
    const secret = threads.threads().find((thread) => thread.label === 'Error · hardcoded-secret');
    assert.ok(secret, 'run the first test first');
    await threads.reply(secret.fingerprint, 'It is a test key; I will move it anyway.');
    assert.deepEqual(threads.threads().find((thread) => thread.fingerprint === secret.fingerprint)?.comments.slice(1), ['It is a test key; I will move it anyway.']);
    await threads.act(secret.fingerprint, 'resolve');
    assert.equal(threads.threads().find((thread) => thread.fingerprint === secret.fingerprint)?.resolved, true);
    const others = threads.threads().filter((thread) => onDisk(thread.uri)).length - 1;

    await threads.act(secret.fingerprint, 'dismiss');
    const gone = () => !threads.threads().some((thread) => thread.fingerprint === secret.fingerprint) && !(novaDiagnostics().get('src/sync.ts') ?? []).some((diagnostic) => codeOf(diagnostic) === 'hardcoded-secret');
    await until(() => (gone() ? true : undefined), 10_000, 'the dismissed finding leaves its thread and Problems');
    assert.ok(!(await api.testing.findingsView.rows()).some((row) => row.description.startsWith('hardcoded-secret')), 'and the Findings view');

    const again = (await vscode.commands.executeCommand(commandIds.reviewWorkspace)) as { findings: number; dismissed?: number } | undefined;
    assert.equal(again?.dismissed, 1, 'the next review leaves it out');
    assert.equal(again?.findings, others);
    assert.ok(gone(), 'still gone after the next review');

    const pid = await api.serverProcessId();
    await vscode.commands.executeCommand(commandIds.restartServer);
    await until(async () => ((await api.serverProcessId()) !== pid ? true : undefined), 30_000, 'the server restarts');
    // No review is asked for: the restarted server publishes the kept one.
    await until(() => (threads.threads().filter((thread) => onDisk(thread.uri)).length === others && total(novaDiagnostics()) === others ? true : undefined), 30_000, `the kept review's ${others} findings come back after Restart Server`);
    assert.ok(gone(), 'and the dismissed one stays dismissed');
    assert.ok(fs.existsSync(path.join(root(), '.nova', 'review', 'dismissed.json')), 'kept in the workspace, so a reloaded window has it too');
  });
});
