import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeSet } from '../../../src/core/edits/changeSet';
import { commandIds } from '../../../src/extension/contributions';
import type { NovaApi } from '../../../src/extension/main';
import type { AcceptOutcome } from '../../../src/extension/proposals/accept';
import type { ExplainOutcome } from '../../../src/extension/proposals/hunkCommands';
import { delay, poll } from '../../poll';
import { excludedBy } from '../../support/keybindingClash';
import { plantChangeSet } from '../../support/plantedChangeSet';

// Runs inside the real extension host, on a copy of sample/, with Nova's server running. Change sets
// are planted in the store's folder as an agent run leaves them; the file is reviewed in its editor.
const manifest = require('../../../../package.json') as { publisher: string; name: string; contributes: { keybindings: { command: string; key: string; when: string }[] } };
const extensionId = `${manifest.publisher}.${manifest.name}`;

const original = [
  'export function total(items: number[]): number {',
  '  let sum = 0;',
  '  for (const item of items) sum += item;',
  '  return sum;',
  '}',
  '',
  'export function label(name: string): string {',
  "  return 'Item: ' + name;",
  '}',
  '',
  'export function isEmpty(items: number[]): boolean {',
  '  return items.length === 0;',
  '}',
  '',
].join('\n');

/** Three hunks: a comment on line 2, a template string on line 8, a clearer test on line 12. */
const proposed = [
  { startLine: 2, before: '  let sum = 0;', after: '  let sum = 0; // running total', rationale: 'Say what sum holds.' },
  { startLine: 8, before: "  return 'Item: ' + name;", after: '  return `Item: ${name}`;', rationale: 'A template string reads better.' },
  { startLine: 12, before: '  return items.length === 0;', after: '  return items.length < 1;', rationale: 'Fewer characters.' },
];

async function nova(): Promise<NovaApi> {
  const extension = vscode.extensions.getExtension<NovaApi>(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  return extension.activate();
}

describe('Reviewing proposed hunks in the editor, in a real VS Code', () => {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const relative = 'hunks/totals.ts';
  const file = path.join(root, ...relative.split('/'));
  const uri = vscode.Uri.file(file);
  const proposalsDir = path.join(root, '.nova', 'proposals');
  let api: NovaApi;
  let editor: vscode.TextEditor;
  let planted: string[] = [];

  /** Plants a change set of the three hunks, proposed against `text`, and waits until the editor shows its hunks. */
  async function plant(id: string, text = original): Promise<ChangeSet> {
    const set = plantChangeSet(root, id, relative, proposed, text);
    planted.push(id);
    const pending = await api.pendingProposals();
    assert.ok(pending.some((candidate) => candidate.id === id), `the planted change set ${id} is not pending`);
    const drawn = await poll(() => api.testing.editorReview.drawnIn(uri).length === 3 || undefined, 5_000);
    assert.ok(drawn, `the editor shows ${api.testing.editorReview.drawnIn(uri).length} hunk(s), not 3`);
    return set;
  }

  /** The hunks' statuses as the server stored them. */
  function statuses(set: ChangeSet): string[] {
    const stored = JSON.parse(fs.readFileSync(path.join(proposalsDir, `${set.id}.json`), 'utf8')) as ChangeSet;
    return stored.files.flatMap((changed) => changed.hunks.map((hunk) => hunk.status));
  }

  async function statusesBecome(set: ChangeSet, expected: string[], what: string): Promise<void> {
    await api.testing.editorReview.undoSettled();
    const reached = await poll(() => JSON.stringify(statuses(set)) === JSON.stringify(expected) || undefined, 10_000);
    assert.ok(reached, `${what}: the hunks are ${statuses(set).join(', ')}, not ${expected.join(', ')}`);
  }

  async function textBecomes(expected: string, what: string): Promise<void> {
    const reached = await poll(() => editor.document.getText() === expected || undefined, 5_000);
    assert.equal(editor.document.getText(), expected, reached ? what : `${what} (waited 5 s)`);
  }

  /** Ctrl+Z / Ctrl+Shift+Z in the editor, as the person presses them. */
  async function undo(): Promise<void> {
    await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
    await vscode.commands.executeCommand('undo');
  }
  async function redo(): Promise<void> {
    await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
    await vscode.commands.executeCommand('redo');
  }

  const target = (set: ChangeSet, index: number) => ({ changeSetId: set.id, hunkId: set.files[0]?.hunks[index]?.id as string });
  const fileTarget = (set: ChangeSet) => ({ changeSetId: set.id, path: relative });

  before(async () => {
    assert.ok(root, 'no workspace folder is open');
    api = await nova();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, original);
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  beforeEach(async () => {
    // Each test starts from the file as proposed against, saved, with nothing to undo from before.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    fs.writeFileSync(file, original);
    await textBecomes(original, 'the file was not reset');
  });

  afterEach(async () => {
    // Whatever a test left open is rejected, so the next one sees only its own hunks.
    for (const id of planted) fs.rmSync(path.join(proposalsDir, `${id}.json`), { force: true });
    planted = [];
    await api.pendingProposals();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('gives every open hunk Accept · Reject · Why? lenses, and the file Accept all · Reject all · Open diff', async () => {
    const set = await plant('p-editor-lenses');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).filter((lens) => lens.command?.command.startsWith('nova.'));
    const perHunk = (command: string) => lenses.filter((lens) => lens.command?.command === command).map((lens) => [lens.range.start.line, (lens.command?.arguments?.[0] as { hunkId: string }).hunkId]);
    const hunkIds = set.files[0]?.hunks.map((hunk) => hunk.id) ?? [];
    const expected = [1, 7, 11].map((line, index) => [line, hunkIds[index]]);
    assert.deepEqual(perHunk(commandIds.acceptHunk), expected, 'Accept lenses');
    assert.deepEqual(perHunk(commandIds.rejectHunk), expected, 'Reject lenses');
    assert.deepEqual(perHunk(commandIds.explainHunk), expected, 'Why? lenses');
    const atTop = lenses.filter((lens) => lens.range.start.line === 0 && [commandIds.acceptFileHunks, commandIds.rejectFileHunks, 'nova.openProposalDiff'].includes(lens.command?.command ?? ''));
    assert.deepEqual(atTop.map((lens) => lens.command?.title), ['Accept all', 'Reject all', 'Open diff']);
    for (const lens of atTop) assert.deepEqual(lens.command?.arguments, [fileTarget(set)], `${lens.command?.title} names the change set and the file`);
    assert.deepEqual(api.testing.editorReview.drawnIn(uri).map((drawn) => [drawn.kind, drawn.lines]), [['applicable', [1]], ['applicable', [7]], ['applicable', [11]]], 'the removed lines are marked');
    assert.match(api.testing.editorReview.drawnIn(uri)[1]?.note ?? '', /becomes `?\s*return `Item: \$\{name\}`;/, 'the proposed line is shown');

    // "Why?" and the hover: who, from where, why, which run.
    const why = await vscode.commands.executeCommand<ExplainOutcome>(commandIds.explainHunk, target(set, 1));
    assert.ok(why, 'Why? showed nothing');
    for (const expectedText of [/\*\*Author:\*\* refactorer/, /shipped with Nova/, /A template string reads better\\\./, /run-editor-review/]) assert.match(why.markdown, expectedText);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(7, 4));
    const hoverText = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))).join('\n');
    assert.match(hoverText, /Author:\*\* refactorer/, 'the hover over the hunk says who proposed it');
  });

  it('accepts 2 of 3 hunks (from the keyboard and a lens) to the exact text; Undo takes each back and it is pending again; Redo accepts again', async () => {
    const set = await plant('p-editor-accept');
    // The keyboard: next hunk from the top, accept at the cursor.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand(commandIds.nextHunk);
    assert.equal(editor.selection.active.line, 1, 'next hunk did not move to line 2');
    const first = await vscode.commands.executeCommand<AcceptOutcome>(commandIds.acceptHunk);
    assert.deepEqual(first?.accepted, [target(set, 0).hunkId]);
    // A lens: the third hunk.
    const third = await vscode.commands.executeCommand<AcceptOutcome>(commandIds.acceptHunk, target(set, 2));
    assert.deepEqual(third?.accepted, [target(set, 2).hunkId]);
    const accepted = original.replace('  let sum = 0;', '  let sum = 0; // running total').replace('  return items.length === 0;', '  return items.length < 1;');
    await textBecomes(accepted, 'the text after accepting hunks 1 and 3');
    assert.deepEqual(statuses(set), ['accepted', 'pending', 'accepted']);
    await poll(() => api.testing.editorReview.drawnIn(uri).length === 1 || undefined, 2_000);
    assert.deepEqual(api.testing.editorReview.drawnIn(uri).map((drawn) => drawn.hunkId), [target(set, 1).hunkId], 'only the pending hunk is still drawn');

    await undo();
    await textBecomes(original.replace('  let sum = 0;', '  let sum = 0; // running total'), 'the text after one Undo');
    await statusesBecome(set, ['accepted', 'pending', 'pending'], 'after one Undo');
    await undo();
    await textBecomes(original, 'the text after two Undos');
    await statusesBecome(set, ['pending', 'pending', 'pending'], 'after two Undos');
    assert.ok(await poll(() => api.testing.editorReview.drawnIn(uri).length === 3 || undefined, 2_000), 'the undone hunks are not drawn again');

    await redo();
    await textBecomes(original.replace('  let sum = 0;', '  let sum = 0; // running total'), 'the text after Redo');
    await statusesBecome(set, ['accepted', 'pending', 'pending'], 'after Redo');
  });

  it('accepts all hunks of the file in one edit, and one Undo returns all of them to pending', async () => {
    const set = await plant('p-editor-all');
    const outcome = await vscode.commands.executeCommand<AcceptOutcome>(commandIds.acceptFileHunks, fileTarget(set));
    assert.equal(outcome?.accepted.length, 3);
    const all = original.replace('  let sum = 0;', '  let sum = 0; // running total').replace("  return 'Item: ' + name;", '  return `Item: ${name}`;').replace('  return items.length === 0;', '  return items.length < 1;');
    await textBecomes(all, 'the text after Accept all');
    await statusesBecome(set, ['accepted', 'accepted', 'accepted'], 'after Accept all');
    await undo();
    await textBecomes(original, 'the text after one Undo of Accept all');
    await statusesBecome(set, ['pending', 'pending', 'pending'], 'after one Undo of Accept all');
  });

  it('marks the hunk the person typed into as a conflict while the others still apply, their typing intact', async () => {
    const set = await plant('p-editor-typing');
    // The person types: a line above everything (the hunks shift down) and a change inside hunk 2's line.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('type', { text: 'const scale = 1;\n' });
    const line8 = editor.document.lineAt(8);
    const semicolon = line8.text.lastIndexOf(';');
    editor.selection = new vscode.Selection(8, semicolon, 8, semicolon);
    await vscode.commands.executeCommand('type', { text: '.trim()' });
    const typed = `const scale = 1;\n${original.replace("  return 'Item: ' + name;", "  return 'Item: ' + name.trim();")}`;
    await textBecomes(typed, 'the person\'s typing');

    const drawn = await poll(() => {
      const kinds = api.testing.editorReview.drawnIn(uri).map((hunk) => hunk.kind);
      return JSON.stringify(kinds) === JSON.stringify(['applicable', 'conflict', 'applicable']) ? kinds : undefined;
    }, 5_000);
    assert.ok(drawn, `drawn: ${JSON.stringify(api.testing.editorReview.drawnIn(uri))}`);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.ok(lenses.some((lens) => lens.command?.title === '$(warning) No longer applies' && lens.range.start.line === 8), 'the conflict has no lens saying so on its line');

    const outcome = await vscode.commands.executeCommand<AcceptOutcome>(commandIds.acceptFileHunks, fileTarget(set));
    assert.deepEqual(outcome?.accepted, [target(set, 0).hunkId, target(set, 2).hunkId]);
    assert.deepEqual(outcome?.conflicts.map((conflict) => conflict.hunkId), [target(set, 1).hunkId]);
    await textBecomes(typed.replace('  let sum = 0;', '  let sum = 0; // running total').replace('  return items.length === 0;', '  return items.length < 1;'), 'the text: hunks 1 and 3 applied, every typed character kept');
    assert.deepEqual(statuses(set), ['accepted', 'conflict', 'accepted']);
  });

  it('rejects with the person\'s reason, and Escape in the reason box rejects without one', async () => {
    const set = await plant('p-editor-reject');
    await vscode.commands.executeCommand(commandIds.rejectHunk, { ...target(set, 0), reason: 'I like it as it is' });
    const asking = vscode.commands.executeCommand<readonly string[]>(commandIds.rejectHunk, target(set, 1));
    await delay(500);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.deepEqual(await asking, [target(set, 1).hunkId], 'Escape cancelled the reject');
    const stored = JSON.parse(fs.readFileSync(path.join(proposalsDir, `${set.id}.json`), 'utf8')) as ChangeSet;
    assert.deepEqual(stored.files[0]?.hunks.map((hunk) => [hunk.status, hunk.reason]), [['rejected', 'I like it as it is'], ['rejected', undefined], ['pending', undefined]]);
    assert.equal(editor.document.getText(), original, 'a reject changed the file');
  });

  it('contributes hunk keys that no VS Code default uses where they are active', async () => {
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const text = await poll(() => vscode.window.activeTextEditor?.document.getText().includes('"key"') && vscode.window.activeTextEditor.document.getText(), 10_000);
    assert.ok(text, 'the default keybindings did not open');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const defaults = [...text.matchAll(/\{\s*"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"(?:,\s*"when":\s*"((?:[^"\\]|\\.)*)")?/g)].map(([, key, command, when]) => ({ key, command, when: when ?? '' }));
    assert.ok(defaults.length > 100, `read only ${defaults.length} default keybindings`);
    const clashes = manifest.contributes.keybindings.flatMap((binding) =>
      defaults
        .filter((other) => other.key === binding.key && !other.command.startsWith('nova.'))
        // A default active only where Nova's when-clause says it is not (e.g. an inline suggestion is
        // shown): every alternative (`||`) of its when-clause needs a condition Nova's negates.
        .filter((other) => !excludedBy(binding.when, other.when))
        .map((other) => `${binding.key}: ${binding.command} and ${other.command} (${other.when || 'always'})`),
    );
    assert.deepEqual(clashes, [], 'contributed keys clash with VS Code\'s defaults');
  });
});
