import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/extension/contributions';
import type { NovaApi } from '../../../src/extension/main';
import type { AcceptOutcome } from '../../../src/extension/proposals/accept';
import { poll } from '../../poll';
import { git, gitState } from '../../support/gitState';
import { plantChangeSet } from '../../support/plantedChangeSet';

// Runs inside the real extension host, on a copy of sample/ (a git repository with one commit on
// main). The test plays the accept flow: a checkpoint of what the person has (an unsaved edit
// included), then a change written over it, then "Nova: Restore Checkpoint" as the command runs it
// once the person has picked the checkpoint and confirmed.
const manifest = require('../../../../package.json') as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;

async function nova(): Promise<NovaApi> {
  const extension = vscode.extensions.getExtension<NovaApi>(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  return extension.activate();
}

async function replaceAndSave(uri: vscode.Uri, text: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await document.save());
}

describe('Checkpoints in a real VS Code', () => {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const board = 'src/board.ts';
  const created = 'src/nova-checkpoint-created.ts';
  const boardUri = vscode.Uri.file(path.join(root, board));
  const createdFile = path.join(root, created);
  let committed = '';

  before(() => {
    assert.ok(root, 'no workspace folder is open');
    committed = fs.readFileSync(boardUri.fsPath, 'utf8');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(boardUri.fsPath, committed);
    fs.rmSync(createdFile, { force: true });
    for (const ref of git(root, ['for-each-ref', '--format=%(refname)', 'refs/nova/checkpoints']).split('\n').filter(Boolean)) git(root, ['update-ref', '-d', ref]);
  });

  it('restores the content from before a change, an unsaved edit included, and deletes a file the change created; git is untouched', async () => {
    const api = await nova();
    // The person has typed in board.ts without saving.
    const editor = await vscode.window.showTextDocument(boardUri);
    assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '// typed by the person, not saved\n')));
    const seen = editor.document.getText();
    assert.ok(editor.document.isDirty);
    const before = gitState(root);
    const statusBefore = git(root, ['status', '--porcelain=v1', '--', board, created]);
    assert.equal(statusBefore, '', 'the sample files should start clean');

    const [taken, ...others] = await api.testing.takeCheckpoint([board, created], 'before accepting the test change');
    assert.ok(taken);
    assert.deepEqual(others, []);
    assert.deepEqual(taken.paths, [board, created]);
    assert.deepEqual(gitState(root), before, 'taking a checkpoint changed HEAD, the index, the stash or a branch');
    assert.equal(git(root, ['status', '--porcelain=v1', '--', board, created]), '', 'taking a checkpoint changed the working tree');
    assert.equal(editor.document.getText(), seen, 'taking a checkpoint changed the buffer');
    assert.equal(git(root, ['for-each-ref', '--format=%(refname)', `refs/nova/checkpoints/${taken.id}`]).trim(), `refs/nova/checkpoints/${taken.id}`);

    // An accepted change lands: board.ts rewritten and saved, a new file created.
    await replaceAndSave(boardUri, 'export const rewritten = true;\n');
    fs.writeFileSync(createdFile, 'export const created = 1;\n');

    const listed = await api.testing.checkpoints();
    assert.equal(listed[0]?.id, taken.id, 'the newest checkpoint is listed first');
    const report = await api.testing.restoreCheckpoint(taken.id);
    assert.equal(report.restored, true, report.message);
    assert.deepEqual([...report.changed].sort(), [created, board].sort());
    assert.match(report.message, /restored 2 file\(s\) from the checkpoint “before accepting the test change”/);

    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === boardUri.toString());
    assert.ok(document, 'board.ts is no longer open');
    assert.equal(document.getText(), seen, 'the open buffer does not show the content from before the change');
    assert.equal(document.isDirty, false, 'the restored document was not saved');
    assert.equal(fs.readFileSync(boardUri.fsPath, 'utf8'), seen);
    assert.equal(fs.existsSync(createdFile), false, 'the file the change created was not deleted');
    assert.deepEqual(gitState(root), before, 'restoring changed HEAD, the index, the stash or a branch');
    assert.equal(git(root, ['status', '--porcelain=v1', '--', board, created]), ` M ${board}\n`, 'only the restored unsaved edit differs from HEAD');

    // The restore took a checkpoint first: restoring that one brings the change back.
    assert.ok(report.before);
    const undone = await api.testing.restoreCheckpoint(report.before);
    assert.equal(undone.restored, true, undone.message);
    assert.equal(fs.readFileSync(boardUri.fsPath, 'utf8'), 'export const rewritten = true;\n');
    assert.equal(fs.readFileSync(createdFile, 'utf8'), 'export const created = 1;\n');
    assert.deepEqual(gitState(root), before);
  });

  it('keeps a checkpoint when a hunk is accepted, which brings back the text from before the accept', async () => {
    const api = await nova();
    const relative = 'checkpointed/accept.ts';
    const file = path.join(root, ...relative.split('/'));
    const uri = vscode.Uri.file(file);
    const text = 'export const a = 1;\nexport const b = 2;\n';
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    try {
      const set = plantChangeSet(root, 'p-checkpoint-accept', relative, [{ startLine: 2, before: 'export const b = 2;', after: 'export const b = 3;', rationale: 'three' }], text);
      assert.ok((await api.pendingProposals()).some((candidate) => candidate.id === set.id), 'the planted change set is not pending');
      const editor = await vscode.window.showTextDocument(uri);
      // The person adds a line (not saved) above the hunk, then accepts: the hunk is rebased. (A line
      // added after a hunk at the file's end would make it a conflict: lines a hunk changes at an edge
      // are found only at that edge.)
      assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '// mine, unsaved\n')));
      const beforeAccept = editor.document.getText();
      const state = gitState(root);
      const outcome = await vscode.commands.executeCommand<AcceptOutcome>(commandIds.acceptHunk, { changeSetId: set.id, hunkId: set.files[0]?.hunks[0]?.id });
      assert.deepEqual(outcome.accepted, [set.files[0]?.hunks[0]?.id]);
      assert.equal(editor.document.getText(), '// mine, unsaved\nexport const a = 1;\nexport const b = 3;\n');

      const [newest] = await api.testing.checkpoints();
      assert.ok(newest, 'accepting kept no checkpoint');
      assert.equal(newest.label, 'before accepting “Tidy the code”');
      assert.deepEqual(newest.paths, [relative]);
      const report = await api.testing.restoreCheckpoint(newest.id);
      assert.equal(report.restored, true, report.message);
      assert.ok(await poll(() => editor.document.getText() === beforeAccept || undefined, 5_000), `the editor shows ${JSON.stringify(editor.document.getText())}`);
      assert.equal(fs.readFileSync(file, 'utf8'), beforeAccept);
      assert.deepEqual(gitState(root), state);
    } finally {
      fs.rmSync(path.join(root, '.nova', 'proposals', 'p-checkpoint-accept.json'), { force: true });
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('refuses an id that is not a checkpoint, and changes nothing', async () => {
    const api = await nova();
    const text = fs.readFileSync(boardUri.fsPath, 'utf8');
    const report = await api.testing.restoreCheckpoint('../../heads/main');
    assert.equal(report.restored, false);
    assert.match(report.message, /there is no checkpoint "\.\.\/\.\.\/heads\/main"/);
    assert.equal(fs.readFileSync(boardUri.fsPath, 'utf8'), text);
  });
});
