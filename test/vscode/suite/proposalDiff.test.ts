import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeProposal } from '../../../src/core/contracts';
import type { ChangeSet } from '../../../src/core/edits/changeSet';
import { newChangeSet } from '../../../src/core/edits/newChangeSet';
import { proposalsFolder, writeProposalFile } from '../../../src/core/proposals/folder';
import { loadTrace, traceFilePath } from '../../../src/core/trace/jsonl';
import { reviewProposal } from '../../../src/extension/client/chat/proposalReview';
import { commandIds } from '../../../src/extension/contributions';
import type { NovaApi } from '../../../src/extension/main';
import type { DiffOutcome } from '../../../src/extension/proposals/proposalDiff';
import type { ResolveOutcome } from '../../../src/extension/proposals/view';
import { poll } from '../../poll';

// Runs inside the real extension host, on a copy of sample/. Change sets are planted in the store's
// folder as a run of the agent team leaves them; everything after is what the person does.
const manifest = require('../../../../package.json') as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;
const runId = 'run-diff-editor';

async function nova(): Promise<NovaApi> {
  const extension = vscode.extensions.getExtension<NovaApi>(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  return extension.activate();
}

describe('A proposal in VS Code\'s diff editor, the proposed side editable, in a real VS Code', () => {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const planted: string[] = [];
  const touched = new Set<string>();

  /** The file's text on disk (the sample as committed, or as a test left it). */
  const disk = (relative: string) => fs.readFileSync(path.join(root, relative), 'utf8');
  const fileUri = (relative: string) => vscode.Uri.file(path.join(root, relative));
  const replaceLine = (text: string, line: string, by: string) => {
    assert.ok(text.includes(`${line}\n`), `the sample no longer has ${JSON.stringify(line)}`);
    return text.replace(`${line}\n`, `${by}\n`);
  };

  /** Stores a change set from the refactorer in run `runId` against the files as they are on disk, and lists it. */
  async function plant(relative: string, hunks: { before: string; after: string }[], more: Record<string, { before: string; after: string }[]> = {}): Promise<ChangeSet> {
    const changes = Object.entries({ [relative]: hunks, ...more });
    const texts = new Map(changes.map(([file]) => [file, disk(file)]));
    const proposal: ChangeProposal = {
      summary: `Tidy ${path.basename(relative)}`,
      rationale: 'The refactorer tidied it.',
      risks: [],
      files: changes.map(([file, fileHunks]) => {
        const lines = (texts.get(file) ?? '').split('\n');
        return { path: file, hunks: fileHunks.map((hunk) => ({ startLine: Math.max(1, lines.indexOf(hunk.before.split('\n')[0] ?? '') + 1), before: hunk.before, after: hunk.after, rationale: 'tidier' })) };
      }),
    };
    const set = newChangeSet(`p-diff-${planted.length + 1}-${Date.now().toString(36)}`, Date.now(), { kind: 'agent', agent: 'refactorer', runId }, proposal, texts);
    await writeProposalFile(proposalsFolder(root), set);
    planted.push(set.id);
    for (const [file] of changes) touched.add(file);
    await vscode.commands.executeCommand(commandIds.refreshProposals);
    return set;
  }

  /** What the store holds for a change set now (as the server wrote it). */
  const stored = (id: string) => JSON.parse(fs.readFileSync(path.join(proposalsFolder(root), `${id}.json`), 'utf8')) as ChangeSet;

  async function openDiff(set: ChangeSet, relative: string): Promise<{ outcome: DiffOutcome; proposed: vscode.TextDocument }> {
    const outcome = await vscode.commands.executeCommand<DiffOutcome | undefined>(commandIds.openProposalDiff, { changeSetId: set.id, path: relative });
    assert.ok(outcome, 'Open Proposal Diff returned nothing');
    assert.equal(outcome.opened.length, 1, outcome.problems.join(' '));
    const uri = vscode.Uri.parse(outcome.opened[0] as string);
    const active = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(active instanceof vscode.TabInputTextDiff, 'the active tab is not a diff');
    assert.equal(active.original.toString(), fileUri(relative).toString(), 'the left side is not the file');
    assert.equal(active.modified.toString(), uri.toString(), 'the right side is not the proposal');
    return { outcome, proposed: await vscode.workspace.openTextDocument(uri) };
  }

  const diffTabs = (uri: vscode.Uri) =>
    vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === uri.toString());

  async function edit(document: vscode.TextDocument, line: string, by: string): Promise<void> {
    const at = document.getText().indexOf(line);
    assert.ok(at >= 0, `${document.uri.toString()} has no ${JSON.stringify(line)}`);
    const change = new vscode.WorkspaceEdit();
    change.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + line.length)), by);
    assert.ok(await vscode.workspace.applyEdit(change), `the edit of ${document.uri.toString()} was not applied`);
  }

  let autoSave: string | undefined;
  before(async () => {
    assert.ok(root, 'no workspace folder is open');
    await nova();
    // Saving is the person's move in these tests (code-server saves after a delay by default).
    const files = vscode.workspace.getConfiguration('files');
    autoSave = files.inspect<string>('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    const trace = traceFilePath(root, runId);
    fs.mkdirSync(path.dirname(trace), { recursive: true });
    fs.writeFileSync(trace, `${JSON.stringify({ runId, id: 's1', parentId: null, kind: 'run', startedAt: 1, endedAt: 2, task: 'tidy the helpers', entryAgent: 'concierge', status: 'completed' })}\n`);
  });

  afterEach(async () => {
    // Each test leaves the files as the sample has them: accepted edits are unsaved, so a revert undoes them.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const relative of touched) {
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === fileUri(relative).toString());
      if (document?.isDirty) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
  });

  after(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
    for (const id of planted) fs.rmSync(path.join(proposalsFolder(root), `${id}.json`), { force: true });
    fs.rmSync(traceFilePath(root, runId), { force: true });
    await vscode.commands.executeCommand(commandIds.refreshProposals);
  });

  it('opens the file on the left and exactly the proposed text on the right', async () => {
    const relative = 'src/util.ts';
    const before = disk(relative);
    const set = await plant(relative, [{ before: 'export function normalizeLabel(label: string): string {', after: '/** A label as compared: trimmed, lower case. */\nexport function normalizeLabel(label: string): string {' }]);
    const { outcome, proposed } = await openDiff(set, relative);
    assert.deepEqual(outcome.problems, []);
    assert.equal(proposed.getText(), replaceLine(before, 'export function normalizeLabel(label: string): string {', '/** A label as compared: trimmed, lower case. */\nexport function normalizeLabel(label: string): string {'));
    assert.equal(proposed.languageId, 'typescript');
    assert.equal(disk(relative), before, 'opening the diff wrote the file');
  });

  it('opens a diff for each file of a change set from the chat card\'s Review changes', async () => {
    const header = (relative: string) => disk(relative).split('\n')[0] ?? '';
    const set = await plant('src/board.ts', [{ before: header('src/board.ts'), after: `${header('src/board.ts')} // one` }], { 'test/helpers.ts': [{ before: header('test/helpers.ts'), after: `${header('test/helpers.ts')} // two` }] });
    const problems = await reviewProposal(set);
    assert.deepEqual(problems, []);
    const diffs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.input).filter((input): input is vscode.TabInputTextDiff => input instanceof vscode.TabInputTextDiff);
    assert.deepEqual(diffs.map((input) => vscode.workspace.asRelativePath(input.original)).sort(), ['src/board.ts', 'test/helpers.ts']);
    for (const input of diffs) {
      const proposed = await vscode.workspace.openTextDocument(input.modified);
      assert.equal(proposed.getText(), disk(vscode.workspace.asRelativePath(input.original)).replace(/\n/, input.original.path.endsWith('board.ts') ? ' // one\n' : ' // two\n'));
    }
  });

  it('lands exactly the person\'s edit of the right side on Accept — saved or not — as their hunks, the agent\'s superseded, and says so in the run\'s trace', async () => {
    const relative = 'src/util.ts';
    const before = disk(relative);
    const set = await plant(relative, [
      { before: 'const MS_PER_DAY = 24 * 60 * 60 * 1000;', after: 'const MS_PER_DAY = 86_400_000;' },
      { before: 'export function normalizeLabel(label: string): string {', after: '/** Trimmed, lower case. */\nexport function normalizeLabel(label: string): string {' },
    ]);
    const agentHunks = set.files[0]?.hunks.map((hunk) => hunk.id) ?? [];
    assert.equal(agentHunks.length, 2);
    const { proposed } = await openDiff(set, relative);

    // Ctrl+S on the right side keeps the edit in the proposal: the file is not touched.
    await edit(proposed, '/** Trimmed, lower case. */', '/** A label as compared: trimmed, in lower case. */');
    assert.ok(await proposed.save(), 'saving the proposed side failed');
    assert.equal(proposed.isDirty, false);
    assert.equal(disk(relative), before, 'saving the proposed side wrote the real file');
    assert.equal((await vscode.workspace.openTextDocument(fileUri(relative))).getText(), before, 'saving the proposed side changed the real file\'s buffer');
    // And one more edit, not saved: Accept takes the right side as the person sees it.
    await edit(proposed, 'const MS_PER_DAY = 86_400_000;', 'const MS_PER_DAY = 24 * 60 * 60 * 1000; // ms');
    assert.equal(proposed.isDirty, true);
    const shown = proposed.getText();

    const outcome = await vscode.commands.executeCommand<ResolveOutcome>(commandIds.acceptProposalDiff, proposed.uri);
    assert.equal(outcome.resolved, true, outcome.message);
    assert.match(outcome.message, /applied 2 hunk\(s\) of “Tidy util\.ts” to src\/util\.ts \(2 of them your edit\)/);
    const file = await vscode.workspace.openTextDocument(fileUri(relative));
    assert.equal(file.getText(), shown, 'the file does not hold exactly what the right side showed');
    assert.equal(diffTabs(proposed.uri).length, 0, 'the diff is still open');

    const hunks = stored(set.id).files[0]?.hunks ?? [];
    const theirs = hunks.filter((hunk) => !agentHunks.includes(hunk.id));
    assert.deepEqual(theirs.map((hunk) => [hunk.author, hunk.status]), [['person', 'accepted'], ['person', 'accepted']]);
    assert.deepEqual(hunks.filter((hunk) => agentHunks.includes(hunk.id)).map((hunk) => hunk.status), ['superseded', 'superseded']);

    const trace = await loadTrace(traceFilePath(root, runId));
    const span = trace.spans.find((candidate) => candidate.kind === 'person_change' && candidate.changeSetId === set.id);
    assert.ok(span && span.kind === 'person_change', 'the person\'s change is not in the run\'s trace');
    assert.equal(span.parentId, 's1');
    assert.deepEqual([...span.hunkIds].sort(), theirs.map((hunk) => hunk.id).sort());
    assert.deepEqual(trace.problems, []);
  });

  it('lands the proposal as shown when the right side is not edited, leaving out — and naming — a hunk that no longer matches', async () => {
    const relative = 'src/filters.ts';
    const before = disk(relative);
    const first = before.split('\n')[0] ?? '';
    const set = await plant(relative, [
      { before: first, after: `${first} // tidied` },
      { before: 'a line this file never had', after: 'anything' },
    ]);
    assert.deepEqual(set.files[0]?.hunks.map((hunk) => hunk.status), ['pending', 'conflict']);
    const { outcome, proposed } = await openDiff(set, relative);
    assert.equal(outcome.problems.length, 1);
    assert.match(outcome.problems[0] ?? '', /1 hunk\(s\) of src\/filters\.ts no longer match the file and are left out of the proposed side/);
    const shown = proposed.getText();
    assert.equal(shown, before.replace(first, `${first} // tidied`));

    // From the command palette: no argument, the active diff is the one accepted.
    const accepted = await vscode.commands.executeCommand<ResolveOutcome>(commandIds.acceptProposalDiff);
    assert.equal(accepted.resolved, true, accepted.message);
    assert.equal((await vscode.workspace.openTextDocument(fileUri(relative))).getText(), shown);
    assert.deepEqual(stored(set.id).files[0]?.hunks.map((hunk) => [hunk.author, hunk.status]), [['refactorer', 'accepted'], ['refactorer', 'conflict']]);
  });

  it('rejects the file\'s open hunks from the diff, with the person\'s reason, and leaves the file alone', async () => {
    const relative = 'src/report.ts';
    const before = disk(relative);
    const first = before.split('\n')[0] ?? '';
    const set = await plant(relative, [{ before: first, after: `${first} // rejected` }]);
    const { proposed } = await openDiff(set, relative);
    await edit(proposed, '// rejected', '// rejected, and edited');

    // As the title bar may pass it with the left side focused: the real file's uri, paired with the diff's right side.
    const outcome = await vscode.commands.executeCommand<ResolveOutcome>(commandIds.rejectProposalDiff, fileUri(relative), { reason: 'keep the header as it is' });
    assert.equal(outcome.resolved, true, outcome.message);
    assert.match(outcome.message, /rejected 1 hunk\(s\) of “Tidy report\.ts” in src\/report\.ts/);
    assert.deepEqual(stored(set.id).files[0]?.hunks.map((hunk) => [hunk.status, hunk.reason]), [['rejected', 'keep the header as it is']]);
    assert.equal(diffTabs(proposed.uri).length, 0, 'the diff is still open');
    assert.equal(disk(relative), before);
    assert.equal((await vscode.workspace.openTextDocument(fileUri(relative))).getText(), before, 'rejecting changed the file\'s buffer');
  });

  it('follows the file while the right side holds no edit of the person\'s, and keeps their unsaved edit when the file changes under it', async () => {
    const relative = 'src/sync.ts';
    const before = disk(relative);
    const first = before.split('\n')[0] ?? '';
    const last = '    blockedBy: raw.blocked_by ?? [],'; // far from the hunk, once in the file
    const set = await plant(relative, [{ before: first, after: `${first} // proposed` }]);
    const { proposed } = await openDiff(set, relative);
    const file = await vscode.workspace.openTextDocument(fileUri(relative));

    // The person types in the file (unsaved): the right side is computed again from it.
    await edit(file, last, `${last} // typed in the file`);
    const followed = await poll(() => proposed.getText().includes('// typed in the file'), 10_000);
    assert.ok(followed, 'the proposed side did not follow the file');
    assert.equal(proposed.getText(), file.getText().replace(first, `${first} // proposed`));
    assert.equal(proposed.isDirty, false);

    // Now they edit the right side, then the file again: their edit of the proposal stays.
    await edit(proposed, '// proposed', '// proposed, then edited');
    const edited = proposed.getText();
    await edit(file, '// typed in the file', '// typed in the file twice');
    await (await nova()).pendingProposals(); // a round trip, so any refresh would have run
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(proposed.getText(), edited, 'the person\'s unsaved edit of the proposed side was replaced');
    assert.equal(proposed.isDirty, true);

    const outcome = await vscode.commands.executeCommand<ResolveOutcome>(commandIds.acceptProposalDiff, proposed.uri);
    assert.equal(outcome.resolved, true, outcome.message);
    assert.equal(file.getText(), edited, 'Accept did not land exactly the right side');
  });

  it('with auto save on, saves the person\'s edit of the right side into the proposal only, and keeps it when the file changes', async () => {
    const relative = 'src/types.ts';
    const before = disk(relative);
    const first = before.split('\n')[0] ?? '';
    const set = await plant(relative, [{ before: first, after: `${first} // proposed` }]);
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
    try {
      const { proposed } = await openDiff(set, relative);
      await edit(proposed, '// proposed', '// proposed, then edited');
      const edited = proposed.getText();
      assert.ok(await poll(() => !proposed.isDirty, 10_000), 'auto save did not save the proposed side');
      assert.equal(disk(relative), before, 'auto save wrote the real file');
      const file = await vscode.workspace.openTextDocument(fileUri(relative));
      assert.equal(file.getText(), before);

      // The file changes (another line): the saved edit of the proposal stays as the person left it.
      const last = before.trimEnd().split('\n').pop() ?? '';
      await edit(file, last, `${last} // typed`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(proposed.getText(), edited, 'the person\'s saved edit of the proposed side was replaced');
      assert.equal((await vscode.workspace.openTextDocument(proposed.uri)).getText(), edited);
      await vscode.commands.executeCommand(commandIds.rejectProposalDiff, proposed.uri, { reason: 'only checking auto save' });
    } finally {
      await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
      // Auto save wrote the line typed in the file: the later suites get the sample as it was.
      fs.writeFileSync(path.join(root, relative), before);
    }
  });

  it('refuses a malformed nova-proposed uri with an error that says what is wrong, and reads nothing through it', async () => {
    // VS Code resolves "." and ".." in a uri's path before it reaches a file system; a command gets the uri as it was given.
    const ours = /is not a Nova proposal|Nova has no proposal/;
    for (const [raw, reason, opening] of [
      ['nova-proposed:/NOT_AN_ID/src/util.ts', /"NOT_AN_ID" is not a change set id/, /"NOT_AN_ID" is not a change set id/],
      ['nova-proposed:/p-1/src%5C..%5C..%5Cetc%5Cpasswd', /uses "\\" as a separator/, /uses "\\" as a separator/],
      ['nova-proposed:/p-1/..%2F..%2Fetc%2Fpasswd', /"\.\.\/\.\.\/etc\/passwd" has a "\.\." segment/, ours],
      ['nova-proposed:/p-1/.git/config', /"\.git\/config" is protected/, /"\.git\/config" is protected/],
      ['nova-proposed:/just-an-id', /its path is not \/<change set id>\/<file path>/, /its path is not \/<change set id>\/<file path>/],
    ] as const) {
      const uri = vscode.Uri.parse(raw);
      await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(uri)), (error: Error) => {
        assert.match(error.message, opening, `${raw}: ${error.message}`);
        return true;
      });
      const accepted = await vscode.commands.executeCommand<ResolveOutcome>(commandIds.acceptProposalDiff, uri);
      assert.equal(accepted.resolved, false);
      assert.match(accepted.message, /^Nova: could not accept from the diff: nova-proposed:.* is not a Nova proposal: /);
      assert.match(accepted.message, reason);
    }
    const unknown = vscode.Uri.parse('nova-proposed:/p-no-such-proposal/src/util.ts');
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(unknown)), /Nova has no proposal "p-no-such-proposal"/);
    const opened = await vscode.commands.executeCommand<DiffOutcome>(commandIds.openProposalDiff, { changeSetId: '../../x', path: 'src/util.ts' });
    assert.deepEqual(opened.opened, []);
    assert.match(opened.problems[0] ?? '', /"\.\.\/\.\.\/x" is not a change set id/);
  });
});
