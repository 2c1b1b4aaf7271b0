import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { newChangeSet } from '../../../src/core/edits/newChangeSet';
import { proposalsFolder, writeProposalFile } from '../../../src/core/proposals/folder';
import { commandIds, traceEditorType } from '../../../src/extension/contributions';
import type { NovaApi } from '../../../src/extension/main';
import type { OpenTracePanel, TraceOpened } from '../../../src/extension/traceView';
import type { ToldPage } from '../../../src/extension/traceViewSession';
import { plantChangeSet } from '../../support/plantedChangeSet';
import { plantTrace, removeTrace, tracedRun } from '../../support/plantedTrace';
import { poll } from '../../poll';

// Runs inside the real extension host, on a copy of sample/. Traces and change sets are planted in
// the stores' folders as a run of the agent team leaves them; the page's side is played through the
// panel's endpoint (the seam the chat's suite uses), so these check the extension's half.
const manifest = require('../../../../package.json') as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;

async function nova(): Promise<NovaApi> {
  const extension = vscode.extensions.getExtension<NovaApi>(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  return extension.activate();
}

interface LoadParams {
  runId: string;
  spans: { id: string; kind: string }[];
  fileProblems: { line: number; message: string }[];
  live: boolean;
  focus?: string;
  hunks: Record<string, { changeSetId: string; hunkId: string; path: string; startLine: number }[]>;
}

describe('The trace panel, in a real VS Code', () => {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const relative = 'src/board.ts';
  const runs: string[] = [];
  const planted: string[] = [];
  let api: NovaApi;

  const lastTold = (told: readonly ToldPage[], method: string) => [...told].reverse().find((message) => message.method === method)?.params;
  const panelOf = (runId: string, kind: 'run' | 'file' = 'run') => api.testing.tracePanels.panels().find((panel) => panel.kind === kind && panel.runId === runId);
  async function loadedPanel(runId: string, kind: 'run' | 'file' = 'run'): Promise<{ panel: OpenTracePanel; load: LoadParams }> {
    const panel = await poll(() => panelOf(runId, kind), 10_000);
    assert.ok(panel, `no ${kind} trace panel for ${runId} among ${JSON.stringify(api.testing.tracePanels.panels().map((open) => [open.kind, open.runId]))}`);
    await panel.testing.loaded();
    const load = lastTold(panel.testing.told(), 'trace/load') as LoadParams | undefined;
    assert.ok(load, 'the page was told no trace/load');
    return { panel, load };
  }

  /** A finished run's trace in the store, and (unless `withChangeSet` is false) the change set its delivered handoff carried. */
  function plantRun(name: string, withChangeSet = true): { runId: string; changeSetId?: string; hunkId?: string; handoff: string } {
    const runId = `run-trace-${name}-${Date.now().toString(36)}`;
    plantTrace(root, runId, tracedRun(runId, `Tidy the board (${name})`), ['{"cut off']);
    runs.push(runId);
    const handoff = `${runId}-handoff`;
    if (!withChangeSet) return { runId, handoff };
    const changeSetId = `p-trace-${name}-${Date.now().toString(36)}`;
    const lines = fs.readFileSync(path.join(root, relative), 'utf8').split('\n');
    const set = plantChangeSet(root, changeSetId, relative, [{ startLine: 2, before: lines[1] ?? '', after: `${lines[1] ?? ''} // the board's helpers`, rationale: 'Say where they come from.' }], undefined, {
      summary: 'Note the helpers',
      rationale: 'Readers look for them.',
      runId,
      spanId: handoff,
    });
    planted.push(changeSetId);
    return { runId, changeSetId, hunkId: set.files[0]?.hunks[0]?.id as string, handoff };
  }

  before(async () => {
    assert.ok(root, 'no workspace folder is open');
    api = await nova();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of planted.splice(0)) fs.rmSync(path.join(proposalsFolder(root), `${id}.json`), { force: true });
    for (const runId of runs.splice(0)) removeTrace(root, runId);
    await vscode.workspace.getConfiguration().update('nova.trace.openWithReview', undefined, vscode.ConfigurationTarget.Global);
    await api.pendingProposals();
  });

  it('opens a run\'s trace with nova.openTrace: one panel per run, titled by its task, focused on the span, with the hunks each span produced', async () => {
    const run = plantRun('open');
    await api.pendingProposals();
    const opened = await vscode.commands.executeCommand<TraceOpened>(commandIds.openTrace, { runId: run.runId, spanId: `${run.runId}-result` });
    assert.deepEqual(opened, { opened: true, runId: run.runId });
    const { panel, load } = await loadedPanel(run.runId);
    assert.equal(panel.title, 'Trace: Tidy the board (open)');
    assert.equal(load.spans.length, 6, 'every span of the file');
    assert.deepEqual(load.fileProblems.map((problem) => problem.line), [7], 'the damaged last line is reported, not fatal');
    assert.equal(load.live, false);
    assert.equal(load.focus, `${run.runId}-result`);
    const hunks = await poll(() => {
      const told = panel.testing.told();
      const latest = (lastTold(told, 'trace/hunks') as LoadParams | undefined)?.hunks ?? load.hunks;
      return latest[run.handoff]?.length ? latest : undefined;
    }, 10_000);
    assert.deepEqual(hunks?.[run.handoff]?.map((hunk) => [hunk.changeSetId, hunk.hunkId, hunk.path, hunk.startLine]), [[run.changeSetId, run.hunkId, relative, 2]], 'the delivered handoff lists the hunk it produced');

    // A decision on the hunk reaches the panel: the handoff's list shows it rejected.
    await vscode.commands.executeCommand(commandIds.rejectHunk, { changeSetId: run.changeSetId, hunkId: run.hunkId, reason: '' });
    const decided = await poll(() => {
      const latest = lastTold(panel.testing.told(), 'trace/hunks') as { hunks: Record<string, { status: string }[]> } | undefined;
      return latest?.hunks[run.handoff]?.[0]?.status === 'rejected' ? latest : undefined;
    }, 10_000);
    assert.ok(decided, `the panel was not told the hunk is rejected: ${JSON.stringify(lastTold(panel.testing.told(), 'trace/hunks'))}`);

    // Asked again for another span: the same panel, told to focus there.
    const again = await vscode.commands.executeCommand<TraceOpened>(commandIds.openTrace, { runId: run.runId, spanId: run.handoff });
    assert.deepEqual(again, { opened: true, runId: run.runId });
    assert.equal(api.testing.tracePanels.panels().filter((open) => open.runId === run.runId).length, 1, 'a second panel for the same run');
    assert.deepEqual(lastTold(panel.testing.told(), 'trace/focus'), { spanId: run.handoff });

    // The page asks to reveal the hunk: the file opens at it.
    panel.testing.receive({ kind: 'ready' });
    panel.testing.receive({ kind: 'request', id: 41, method: 'trace/revealHunk', params: { changeSetId: run.changeSetId, hunkId: run.hunkId } });
    const answered = await poll(() => panel.testing.recentlyPosted().find((envelope) => (envelope as { id?: number }).id === 41), 10_000);
    assert.deepEqual(answered, { kind: 'response', id: 41, result: null });
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, path.join(root, relative));
    assert.equal(editor?.selection.active.line, 1, 'the cursor is on the hunk');
  });

  it('says why when nova.openTrace names no run it can show, and opens no panel', async () => {
    const bad = await vscode.commands.executeCommand<TraceOpened>(commandIds.openTrace, { runId: '../escape' });
    assert.equal(bad.opened, false);
    assert.match(bad.opened ? '' : bad.reason, /is not a run id/);
    const missing = await vscode.commands.executeCommand<TraceOpened>(commandIds.openTrace, { runId: 'run-trace-never-ran' });
    assert.equal(missing.opened, false);
    assert.ok(!missing.opened && missing.reason.length > 0, 'no reason given');
    assert.equal(panelOf('run-trace-never-ran'), undefined, 'a panel stayed open for a run with no trace');
  });

  it('shows a .nova/traces/*.jsonl file in the trace editor when it is opened, damaged lines reported, its side payloads readable', async () => {
    const run = plantRun('file', false);
    const sideDir = path.join(root, '.nova', 'traces', `${run.runId}.payloads`);
    fs.mkdirSync(sideDir, { recursive: true });
    fs.writeFileSync(path.join(sideDir, `${run.handoff}.json`), JSON.stringify({ goal: 'tidy', files: ['src/board.ts'], constraints: ['a long list'] }));
    const uri = vscode.Uri.file(path.join(root, '.nova', 'traces', `${run.runId}.jsonl`));
    await vscode.commands.executeCommand('vscode.open', uri);
    const tab = await poll(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom ? input : undefined;
    }, 10_000);
    assert.ok(tab, `the active tab is not a custom editor: ${String(vscode.window.tabGroups.activeTabGroup.activeTab?.label)}`);
    assert.equal(tab.viewType, traceEditorType);
    assert.equal(tab.uri.fsPath, uri.fsPath);
    const { panel, load } = await loadedPanel(run.runId, 'file');
    assert.equal(load.spans.length, 6);
    assert.equal(load.fileProblems.length, 1);
    assert.match(load.fileProblems[0]?.message ?? '', /incomplete last line|not JSON/);

    panel.testing.receive({ kind: 'ready' });
    panel.testing.receive({ kind: 'request', id: 5, method: 'trace/payload', params: { spanId: run.handoff } });
    const payload = await poll(() => panel.testing.recentlyPosted().find((envelope) => (envelope as { id?: number }).id === 5), 10_000);
    assert.deepEqual(payload, { kind: 'response', id: 5, result: { payload: { goal: 'tidy', files: ['src/board.ts'], constraints: ['a long list'] } } });
    panel.testing.receive({ kind: 'request', id: 6, method: 'trace/payload', params: { spanId: 'not-a-span-of-this-run' } });
    const refused = (await poll(() => panel.testing.recentlyPosted().find((envelope) => (envelope as { id?: number }).id === 6), 10_000)) as { kind: string; error?: { message: string } } | undefined;
    assert.equal(refused?.kind, 'error');
    assert.match(refused?.error?.message ?? '', /has no span not-a-span-of-this-run/);
  });

  it('does not read a trace file outside the workspace folder\'s .nova/traces, and says why', async () => {
    const runId = `run-trace-elsewhere-${Date.now().toString(36)}`;
    const elsewhere = path.join(root, 'trace-elsewhere');
    plantTrace(elsewhere, runId, tracedRun(runId, 'Not this workspace\'s'));
    try {
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(path.join(elsewhere, '.nova', 'traces', `${runId}.jsonl`)));
      const tab = await poll(() => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputCustom ? input : undefined;
      }, 10_000);
      assert.equal(tab?.viewType, traceEditorType, 'the pattern matches, so the trace editor opens');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(api.testing.tracePanels.panels().find((panel) => panel.kind === 'file'), undefined, 'the file was read as a trace');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('"Why?" on a hunk opens the trace at the handoff that carried it; a quick fix\'s change says it has no trace', async () => {
    const run = plantRun('why');
    await api.pendingProposals();
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, relative)));
    await vscode.window.showTextDocument(document);
    let found: vscode.CodeLens | undefined;
    for (let waited = 0; !found && waited < 10_000; waited += 200) {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      found = lenses.find((candidate) => candidate.command?.command === commandIds.explainHunk);
      if (!found) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(found?.command, 'no Why? lens next to the hunk');
    assert.equal(found.range.start.line, 1, 'the lens is on the hunk');
    // "Why?" explains the hunk where it is and opens the trace beside it.
    await vscode.commands.executeCommand(found.command.command, ...(found.command.arguments ?? []));
    const { load } = await loadedPanel(run.runId);
    assert.equal(load.focus, run.handoff, 'the trace is focused on the handoff that produced the hunk');

    // From the Proposals view's hunk row: the same command with the row.
    const hunkRow = { kind: 'hunk', set: { id: run.changeSetId }, path: relative, hunk: { id: run.hunkId } };
    assert.deepEqual(await vscode.commands.executeCommand<TraceOpened>(commandIds.traceHunk, hunkRow), { opened: true, runId: run.runId });

    const fix = newChangeSet(`p-trace-fix-${Date.now().toString(36)}`, Date.now(), { kind: 'fix', rule: 'eqeqeq', path: relative, line: 2, title: 'Use ===' }, {
      summary: 'Strict equality',
      rationale: 'TypeScript offers it.',
      risks: [],
      files: [{ path: relative, hunks: [{ startLine: 1, before: document.lineAt(0).text, after: `${document.lineAt(0).text} // fixed`, rationale: 'fix' }] }],
    }, new Map([[relative, document.getText()]]));
    await writeProposalFile(proposalsFolder(root), fix);
    planted.push(fix.id);
    await api.pendingProposals();
    const untraced = await vscode.commands.executeCommand<TraceOpened>(commandIds.traceHunk, { changeSetId: fix.id, hunkId: fix.files[0]?.hunks[0]?.id });
    assert.equal(untraced.opened, false);
    assert.match(untraced.opened ? '' : untraced.reason, /quick fix eqeqeq .*no trace/);
  });

  it('opens the trace beside a change set opened for review, focused on its handoff, unless nova.trace.openWithReview is off', async () => {
    const run = plantRun('review');
    await api.pendingProposals();
    await vscode.commands.executeCommand(commandIds.openProposalDiff, { changeSetId: run.changeSetId });
    const { panel, load } = await loadedPanel(run.runId);
    assert.equal(load.focus, run.handoff);
    const activeTab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(activeTab instanceof vscode.TabInputTextDiff, 'the review kept the focus in the diff');
    assert.ok(!vscode.window.tabGroups.activeTabGroup.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview), 'the trace opened in the diff\'s group, not beside it');
    assert.ok(panel.title.startsWith('Trace: '), panel.title);
    const groups = vscode.window.tabGroups.all.filter((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview));
    assert.ok(groups.every((group) => !group.tabs.some((tab) => tab.input instanceof vscode.TabInputTextDiff)), 'the trace is not beside the diff');

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await poll(() => panelOf(run.runId) === undefined || undefined, 5_000);
    await vscode.workspace.getConfiguration().update('nova.trace.openWithReview', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(commandIds.openProposalDiff, { changeSetId: run.changeSetId });
    assert.ok(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'the diff did not open');
    assert.equal(panelOf(run.runId), undefined, 'the trace opened although the setting is off');
  });

  it('follows a live run: the spans so far, then batches of spans as they end, then the end', async () => {
    const runId = `run-trace-live-${Date.now().toString(36)}`;
    const spans = tracedRun(runId, 'A live run');
    const inject = (method: string, params: unknown) => assert.ok(api.testing.injectServerNotification(method, params).checked, `${method} was refused`);
    inject('nova/run.started', { runId, task: 'A live run', entryAgent: 'router', origin: 'chat' });
    inject('nova/run.span', { runId, span: spans[0] });
    assert.deepEqual(await vscode.commands.executeCommand<TraceOpened>(commandIds.openTrace, { runId }), { opened: true, runId });
    const { panel, load } = await loadedPanel(runId);
    assert.equal(load.live, true);
    assert.deepEqual(load.spans.map((span) => span.id), [spans[0]?.id]);
    assert.equal(panel.title, 'Trace: A live run');
    for (const span of spans.slice(1, 4)) inject('nova/run.span', { runId, span });
    const batch = await poll(() => lastTold(panel.testing.told(), 'trace/spans') as { spans: { id: string }[] } | undefined, 5_000);
    assert.deepEqual(batch?.spans.map((span) => span.id), spans.slice(1, 4).map((span) => span.id), 'the three spans that ended together came in one batch');
    inject('nova/run.span', { runId, span: spans[4] });
    inject('nova/run.ended', { runId, result: { runId, status: 'completed', artifacts: [], decisions: [], usage: { steps: 0, tokens: 0, costUsd: 0 }, traceProblems: [] }, proposalIds: [] });
    const told = panel.testing.told().map((message) => message.method);
    assert.deepEqual(told.slice(-2), ['trace/spans', 'trace/ended'], 'the last span goes before the end');
  });

  it('refuses malformed messages from the page, changes nothing, and keeps answering', async () => {
    const run = plantRun('fuzz');
    await api.pendingProposals();
    await vscode.commands.executeCommand(commandIds.openTrace, { runId: run.runId });
    const { panel } = await loadedPanel(run.runId);
    panel.testing.receive({ kind: 'ready' });
    const before = panel.testing.counts();
    const toldBefore = panel.testing.told().length;
    const malformed: unknown[] = [
      null,
      'trace/copy',
      { kind: 'request', id: 1, method: 'trace/nothing', params: {} },
      { kind: 'request', id: 2, method: 'trace/revealHunk', params: { changeSetId: 7 } },
      { kind: 'request', id: 3, method: 'trace/export', params: { format: 'pdf' } },
      { kind: 'request', id: 0, method: 'trace/copy', params: { text: 'x' } },
      { kind: 'notification', method: 'trace/load', params: { runId: run.runId } },
      { kind: 'request', id: 4, method: 'trace/openRun', params: { runId: '../../etc' } },
      JSON.parse('{"kind":"request","id":8,"method":"trace/copy","params":{"text":"x","__proto__":{"polluted":true}}}'),
    ];
    for (const message of malformed) panel.testing.receive(message);
    const after = panel.testing.counts();
    assert.equal(after.received - before.received, malformed.length);
    assert.equal(after.refused - before.refused, malformed.length, 'every malformed message is refused');
    assert.equal(({} as { polluted?: boolean }).polluted, undefined, 'the prototype was polluted');
    assert.equal(panel.testing.told().length, toldBefore, 'a refused message made the panel tell the page something');
    assert.equal(panelOf(run.runId)?.runId, run.runId, 'the panel closed');

    // A change set of another run is refused by id; then a valid request is still answered.
    panel.testing.receive({ kind: 'request', id: 20, method: 'trace/revealHunk', params: { changeSetId: 'p-of-another-run', hunkId: 'h' } });
    const refusedReveal = (await poll(() => panel.testing.recentlyPosted().find((envelope) => (envelope as { id?: number }).id === 20), 5_000)) as { kind: string } | undefined;
    assert.equal(refusedReveal?.kind, 'error');
    panel.testing.receive({ kind: 'request', id: 21, method: 'trace/copy', params: { text: 'the handoff payload' } });
    const copied = await poll(() => panel.testing.recentlyPosted().find((envelope) => (envelope as { id?: number }).id === 21), 5_000);
    assert.deepEqual(copied, { kind: 'response', id: 21, result: null });
    assert.equal(await vscode.env.clipboard.readText(), 'the handoff payload');

    // "Rerun from here" only from a delivered handoff: a bounced one is refused, and no run starts.
    panel.testing.receive({ kind: 'request', id: 22, method: 'trace/rerun', params: { spanId: `${run.runId}-bounce` } });
    const rerun = (await poll(() => panel.testing.recentlyPosted().find((envelope) => (envelope as { id?: number }).id === 22), 5_000)) as { kind: string; error?: { message: string } } | undefined;
    assert.equal(rerun?.kind, 'error');
    assert.match(rerun?.error?.message ?? '', /Only a delivered handoff/);

    // A page that reloads (hidden, then shown again) says ready again and is sent the whole trace again.
    const loads = () => panel.testing.told().filter((message) => message.method === 'trace/load').length;
    const loadsBefore = loads();
    panel.testing.receive({ kind: 'ready' });
    assert.equal(loads(), loadsBefore + 1, 'a reloaded page was not sent the trace again');
  });
});
