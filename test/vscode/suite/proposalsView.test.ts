import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { newChangeSet } from '../../../src/core/edits/newChangeSet';
import { commandIds } from '../../../src/extension/contributions';
import type { NovaApi } from '../../../src/extension/main';
import type { ProposalNode } from '../../../src/extension/proposals/view';
import { delay } from '../../poll';

// Runs inside the real extension host, on a copy of sample/. The view is read through the same
// tree data provider VS Code draws from (NovaApi.testing.proposalsView): labels, descriptions and
// context values as the person sees them and as the menus' when-clauses test them.
const manifest = require('../../../../package.json') as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;

async function nova(): Promise<NovaApi> {
  const extension = vscode.extensions.getExtension<NovaApi>(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  return extension.activate();
}

/** A row as VS Code draws it. */
interface Row {
  readonly node: ProposalNode;
  readonly label: string;
  readonly description: string;
  readonly contextValue: string;
}

async function rows(parent?: ProposalNode): Promise<Row[]> {
  const view = (await nova()).testing.proposalsView;
  return (await view.children(parent)).map((node) => {
    const item = view.item(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return { node, label, description: typeof item.description === 'string' ? item.description : '', contextValue: item.contextValue ?? '' };
  });
}

/** Waits until `probe` finds what it looks for among the rows (the view refreshes on the server's notification). */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  for (const started = Date.now(); ; await delay(200)) {
    await (await nova()).testing.proposalsView.settled();
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; the view shows: ${JSON.stringify((await rows()).map((row) => `${row.label} — ${row.description}`))}`);
  }
}

const byLabel = (label: string) => async () => (await rows()).find((row) => row.label === label);

describe('The Proposals view, in a real VS Code', () => {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const proposalsDir = path.join(root, '.nova', 'proposals');
  const agentFile = 'src/nova-constants.ts';
  const fixFile = 'src/nova-total.ts';
  const agentText = ['let alpha = 1;', 'let beta = 2;', 'let gamma = 3;', 'let delta = 4;', 'let epsilon = 5;', 'let zeta = 6;', 'let eta = 7;', 'let theta = 8;', 'export { alpha, beta, gamma, delta, epsilon, zeta, eta, theta };', ''].join('\n');
  const fixText = ['export function total(items: number[]): number {', '  const unusedCount = items.length;', '  return items.reduce((sum, item) => sum + item, 0);', '}', ''].join('\n');
  const agentLabel = 'nova-constants.ts: Constants where neve…';
  const fixLabel = 'nova-total.ts: unused "unusedCount"';
  const created: string[] = [];

  before(async () => {
    assert.ok(root, 'no workspace folder is open');
    fs.writeFileSync(path.join(root, agentFile), agentText);
    fs.writeFileSync(path.join(root, fixFile), fixText);
    // An agent's change set, stored as a run would have stored it.
    const set = newChangeSet(
      'cs-view-agent',
      Date.now(),
      { kind: 'agent', agent: 'refactorer', runId: 'run-view' },
      {
        summary: 'Constants where never reassigned',
        rationale: 'None of these is reassigned.',
        files: [{ path: agentFile, hunks: [{ startLine: 1, before: 'let alpha = 1;', after: 'const alpha = 1;', rationale: 'alpha is never reassigned' }, { startLine: 8, before: 'let theta = 8;', after: 'const theta = 8;', rationale: 'theta is never reassigned' }] }],
        risks: [],
      },
      new Map([[agentFile, agentText]]),
    );
    fs.mkdirSync(proposalsDir, { recursive: true });
    fs.writeFileSync(path.join(proposalsDir, `${set.id}.json`), JSON.stringify(set, null, 2));
    created.push(set.id);
    await vscode.commands.executeCommand(commandIds.refreshProposals);
  });

  after(async () => {
    for (const file of [agentFile, fixFile]) {
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.fsPath === path.join(root, file));
      if (document?.isDirty) await document.save();
      fs.rmSync(path.join(root, file), { force: true });
    }
    // A document left open after its file is gone keeps its diagnostics, which later suites count.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of created) fs.rmSync(path.join(proposalsDir, `${id}.json`), { force: true });
    // The recomputed fix too: every change set of this suite's files.
    for (const name of fs.existsSync(proposalsDir) ? fs.readdirSync(proposalsDir) : []) {
      const file = path.join(proposalsDir, name);
      if (/nova-(constants|total)\.ts/.test(fs.readFileSync(file, 'utf8'))) fs.rmSync(file, { force: true });
    }
    await vscode.commands.executeCommand(commandIds.refreshProposals);
  });

  it('lists change sets → files → hunks, each label leading with the file name and the status in words', async () => {
    const set = await eventually(byLabel(agentLabel), 'the agent’s change set');
    assert.equal(set.description, 'pending · refactorer');
    assert.match(set.contextValue, /^nova\.changeSet;open;agent;$/);
    const files = await rows(set.node);
    assert.deepEqual(files.map((row) => [row.label, row.description]), [['nova-constants.ts', 'src · 2 of 2 pending']]);
    const hunks = await rows(files[0]?.node);
    assert.deepEqual(hunks.map((row) => [row.label, row.description]), [
      ['line 1: + const alpha = 1;', 'pending'],
      ['line 8: + const theta = 8;', 'pending'],
    ]);
  });

  it('shows the same quick fix proposed twice once, labelled by file and the unused name', async () => {
    const uri = vscode.Uri.file(path.join(root, fixFile));
    const argument = { uri: uri.toString(), code: 6133, rule: 'ts-6133', range: { start: { line: 1, character: 8 }, end: { line: 1, character: 19 } } };
    const first = await vscode.commands.executeCommand<{ proposalId: string }>('nova.proposeFix', argument);
    const second = await vscode.commands.executeCommand<{ proposalId: string }>('nova.proposeFix', argument);
    assert.ok(first?.proposalId, 'the server stored no fix');
    created.push(first.proposalId);
    if (second?.proposalId) created.push(second.proposalId);
    assert.equal(second?.proposalId, first.proposalId, 'the second fix was stored as a new proposal');
    await eventually(byLabel(fixLabel), 'the quick fix');
    assert.equal((await rows()).filter((row) => row.label === fixLabel).length, 1);
    const fix = await byLabel(fixLabel)();
    assert.equal(fix?.description, 'pending · quick fix');
  });

  it('marks a change set stale once the person edits the lines it changes, and the other hunk stays pending', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, agentFile)));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, 0, 'let alpha = 1;'.length), 'let alpha = 100;');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const stale = await eventually(async () => {
      const row = await byLabel(agentLabel)();
      return row?.description.startsWith('stale') ? row : undefined;
    }, 'the change set to be marked stale');
    assert.equal(stale.description, 'stale · refactorer');
    assert.match(stale.contextValue, /;stale;/, 'Recompute is offered on stale change sets only');
    const hunks = await rows((await rows(stale.node))[0]?.node);
    assert.deepEqual(hunks.map((row) => row.description), ['stale', 'pending']);

    // The person takes the edit back: the change set matches again.
    const undo = new vscode.WorkspaceEdit();
    undo.replace(document.uri, new vscode.Range(0, 0, 0, 'let alpha = 100;'.length), 'let alpha = 1;');
    assert.ok(await vscode.workspace.applyEdit(undo));
    await eventually(async () => ((await byLabel(agentLabel)())?.description === 'pending · refactorer' ? true : undefined), 'the change set to match again');
  });

  it('moves a rejected change set to History, newest first, with its status and when; Try again and Reopen are offered', async () => {
    const set = await eventually(byLabel(agentLabel), 'the agent’s change set');
    await vscode.commands.executeCommand(commandIds.rejectProposal, set.node, 'theta is reassigned in a test');
    const history = await eventually(async () => (await rows()).find((row) => row.label === 'History'), 'the History node');
    assert.equal(await byLabel(agentLabel)(), undefined, 'the rejected change set is still listed as open');
    const resolved = await rows(history.node);
    assert.equal(resolved[0]?.label, agentLabel, 'the newest resolved change set comes first');
    assert.equal(resolved[0]?.description, 'rejected · just now · refactorer');
    assert.match(resolved[0]?.contextValue ?? '', /^nova\.changeSet;history;agent;retry;reopen;$/);
    const hunks = await rows((await rows(resolved[0]?.node))[0]?.node);
    assert.deepEqual(hunks.map((row) => row.description), ['rejected', 'rejected']);
  });

  it('reopens a rejected change set: back among the open ones, every hunk pending again', async () => {
    const history = await eventually(async () => (await rows()).find((row) => row.label === 'History'), 'the History node');
    const rejected = (await rows(history.node)).find((row) => row.label === agentLabel);
    assert.ok(rejected, 'the rejected change set is not in History');
    await vscode.commands.executeCommand(commandIds.reopenProposal, rejected.node);
    const reopened = await eventually(byLabel(agentLabel), 'the reopened change set');
    assert.equal(reopened.description, 'pending · refactorer');
    const hunks = await rows((await rows(reopened.node))[0]?.node);
    assert.deepEqual(hunks.map((row) => row.description), ['pending', 'pending']);
  });

  it('Try again on a partly rejected change set starts a run with its author, the feedback checked by the server; offline, the run says it cannot', async () => {
    const set = await eventually(byLabel(agentLabel), 'the agent’s change set');
    const theta = (await rows((await rows(set.node))[0]?.node))[1];
    assert.ok(theta, 'no second hunk');
    await vscode.commands.executeCommand(commandIds.rejectProposal, theta.node, 'theta is reassigned in a test');
    const partly = await eventually(async () => {
      const row = await byLabel(agentLabel)();
      return row?.contextValue.includes(';retry;') ? row : undefined;
    }, 'Try again to be offered');
    assert.equal(partly.description, '1 of 2 pending · refactorer');
    const outcome = await vscode.commands.executeCommand<{ resolved: boolean; message: string }>(commandIds.retryProposal, partly.node, 'keep theta mutable');
    assert.ok(outcome?.resolved, outcome?.message);
    const runId = /\(run ([^)]+)\)/.exec(outcome.message)?.[1];
    assert.ok(runId, outcome.message);
    const trace = path.join(root, '.nova', 'traces', `${runId}.jsonl`);
    const text = await eventually(async () => {
      const written = fs.existsSync(trace) ? fs.readFileSync(trace, 'utf8') : '';
      return written.includes('"unsupported"') ? written : undefined;
    }, 'the run to end');
    assert.match(text, /cannot revise a change from your feedback \(1 rejected hunk\(s\): \\"theta is reassigned in a test\\"\)/);
    assert.match(text, /keep theta mutable/, 'the person’s words did not reach the agent');
  });

  it('Recompute on a stale quick fix proposes it again against the file as it is now; the stale one is superseded, in History', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, fixFile)));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(1, '  const unusedCount = items.length'.length), ' * 1');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const stale = await eventually(async () => {
      const row = await byLabel(fixLabel)();
      return row?.description.startsWith('stale') ? row : undefined;
    }, 'the quick fix to be marked stale');
    const outcome = await vscode.commands.executeCommand<{ resolved: boolean; message: string }>(commandIds.recomputeProposal, stale.node);
    assert.ok(outcome?.resolved, outcome?.message);
    assert.match(outcome.message, /recomputed “Remove unused declaration for: 'unusedCount'”/);
    const fresh = await eventually(async () => {
      const row = await byLabel(fixLabel)();
      return row?.description === 'pending · quick fix' ? row : undefined;
    }, 'the recomputed fix');
    const idOf = (node: ProposalNode) => (node.kind === 'changeSet' ? node.set.id : undefined);
    assert.notEqual(idOf(fresh.node), idOf(stale.node), 'the stale fix is still the one listed');
    assert.equal((await rows()).filter((row) => row.label === fixLabel).length, 1);
    const hunk = (await rows((await rows(fresh.node))[0]?.node))[0];
    assert.ok(hunk, 'the recomputed fix has no hunk');
    assert.equal(hunk.label, 'line 2: − const unusedCount = items.len…');
    const tooltip = (await nova()).testing.proposalsView.item(hunk.node).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.match(tooltip.value, /^- {2}const unusedCount = items\.length \* 1;$/m, 'the fix removes the line as the person edited it');
    const history = await eventually(async () => (await rows()).find((row) => row.label === 'History'), 'the History node');
    const superseded = (await rows(history.node)).find((row) => row.label === fixLabel);
    assert.match(superseded?.description ?? '', /^superseded · just now · quick fix$/);
    assert.match(superseded?.contextValue ?? '', /;reopen;$/);
  });
});
