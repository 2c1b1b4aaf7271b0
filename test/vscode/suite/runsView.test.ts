import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { JsonlSpanProcessor, traceFilePath } from '../../../src/core/trace/jsonl';
import type { Span } from '../../../src/core/trace/spans';
import { commandIds } from '../../../src/extension/contributions';
import type { NovaApi } from '../../../src/extension/main';
import type { RunCommandOutcome, RunPrompts } from '../../../src/extension/runs/runCommands';
import type { RunSummary } from '../../../src/protocol/run';
import { delay } from '../../poll';

// Runs inside the real extension host, on a copy of sample/, with Nova's server running. A trace is
// planted in .nova/traces as a run would have written it; the view is read through the tree data
// provider VS Code draws from (NovaApi.testing.runsView), and its commands run as the context menu
// runs them, with the Delete modal and the Export dialogs answered through the view's seam.
const manifest = require('../../../../package.json') as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;

async function nova(): Promise<NovaApi> {
  const extension = vscode.extensions.getExtension<NovaApi>(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  return extension.activate();
}

const runId = 'run-view-planted';
const task = '/explain src/board.ts';
const startedAt = Date.UTC(2026, 10, 30, 9, 0, 0);

/** A short run: the concierge's model call, a refused handoff and a bounced result — two places it went sideways. */
function plantedSpans(): Span[] {
  const at = (offset: number) => ({ runId, startedAt: startedAt + offset, endedAt: startedAt + offset + 100 });
  return [
    { ...at(10), id: 'm1', parentId: 'a1', kind: 'model_call', agent: 'concierge', provider: 'offline', model: 'offline', usage: { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 0, cacheCreationTokens: 0 }, latencyMs: 90, costUsd: 0.0123, stopReason: 'tool_use' },
    { ...at(200), id: 'h1', parentId: 'a1', kind: 'handoff', agent: 'concierge', from: 'concierge', to: 'deployer', contract: 'GateRequest', reason: 'deploy it', payloadHash: '', status: 'refused', detail: 'concierge may not hand off to deployer' },
    { ...at(300), id: 'v1', parentId: 'a1', kind: 'validation', agent: 'concierge', contract: 'RoutedTask', direction: 'result', attempt: 1, verdict: 'bounced', issues: ['intent: required'] },
    { runId, startedAt: startedAt + 5, endedAt: startedAt + 12_000, id: 'a1', parentId: 'r1', kind: 'agent', agent: 'concierge', accepted: 'UserRequest', outcome: 'submitted', returned: 'Answer' },
    { runId, startedAt, endedAt: startedAt + 12_300, id: 'r1', parentId: null, kind: 'run', task, entryAgent: 'concierge', status: 'completed' },
  ];
}

async function rows(): Promise<RunSummary[]> {
  return (await nova()).testing.runsView.children();
}

function text(value: string | vscode.TreeItemLabel | vscode.MarkdownString | undefined | boolean): string {
  if (value === undefined || typeof value === 'boolean') return '';
  if (typeof value === 'string') return value;
  return 'label' in value ? value.label : value.value;
}

describe('The Runs view, in a real VS Code', () => {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const planted = traceFilePath(root, runId);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nova-runs-view-'));
  const asked: string[] = [];
  let confirm = false;
  const prompts: RunPrompts = {
    confirmDelete: (run) => {
      asked.push(run.runId);
      return Promise.resolve(confirm);
    },
    export: { format: () => Promise.resolve('jsonl'), target: (_runId, _format, suggested) => Promise.resolve(vscode.Uri.file(path.join(scratch, path.basename(suggested.fsPath)))) },
  };
  const startedHere: string[] = [];

  before(async () => {
    assert.ok(root, 'no workspace folder is open');
    const writer = new JsonlSpanProcessor(planted);
    for (const span of plantedSpans()) writer.onSpanEnd(span);
    await writer.flush();
    const api = await nova();
    api.testing.runsView.answerWith(prompts);
    // No workspace agent file waits in the sample; should one appear, the shipped agents stay.
    api.testing.answerAgentConsent(async () => false);
    await api.testing.runsView.refresh();
  });

  after(async () => {
    const api = await nova();
    api.testing.runsView.answerWith(undefined);
    api.testing.answerAgentConsent(undefined);
    for (const id of [runId, ...startedHere]) fs.rmSync(traceFilePath(root, id), { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('lists a planted trace with status, entry agent, duration, cost and problem count; a click opens its trace', async () => {
    const run = (await rows()).find((candidate) => candidate.runId === runId);
    assert.ok(run, `the planted run is not listed: ${JSON.stringify(await rows())}`);
    const item = (await nova()).testing.runsView.item(run);
    assert.equal(text(item.label), task);
    assert.equal(item.description, 'completed · concierge · 12 s · $0.0123 · 2 problems');
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.equal(item.iconPath.id, 'pass');
    assert.equal(item.iconPath.color?.id, 'list.warningForeground', 'a run with problems is drawn in the warning colour');
    assert.deepEqual({ command: item.command?.command, arguments: item.command?.arguments }, { command: 'nova.openTrace', arguments: [{ runId }] });
    assert.equal(item.contextValue, 'nova.run;ended;again;');
    // The tooltip is Markdown, every character that could be syntax escaped: read it as it is shown.
    const tooltip = text(item.tooltip).replace(/\\(.)/g, '$1');
    for (const part of [`**${task}**`, 'Status: completed · 2 problems', 'Entry agent: concierge', 'Cost: $0.0123 · 1 model call · 1,200 tokens', `Trace: .nova/traces/${runId}.jsonl`]) assert.ok(tooltip.includes(part), `${part} is not in the tooltip: ${tooltip}`);
  });

  it('exports the trace as JSONL to the file the person chose, the trace file as it is', async () => {
    const run = (await rows()).find((candidate) => candidate.runId === runId);
    assert.ok(run);
    const outcome = await vscode.commands.executeCommand<RunCommandOutcome>(commandIds.exportTrace, run);
    const written = path.join(scratch, `${runId}.jsonl`);
    assert.equal(outcome.done, true, outcome.message);
    assert.equal(outcome.file, written);
    assert.deepEqual(fs.readFileSync(written), fs.readFileSync(planted));
    assert.match(outcome.message, /exported 5 span\(s\) of run run-view-planted as JSONL/);
  });

  it('refuses to delete the trace of a run that is still running, without asking', async () => {
    const run = (await rows()).find((candidate) => candidate.runId === runId);
    assert.ok(run);
    asked.length = 0;
    const outcome = await vscode.commands.executeCommand<RunCommandOutcome>(commandIds.deleteTrace, { ...run, status: 'running' });
    assert.equal(outcome.done, false);
    assert.match(outcome.message, /still running/);
    assert.deepEqual(asked, []);
    assert.ok(fs.existsSync(planted));
  });

  it('asks before deleting a trace: No keeps it, Delete removes it and the view stops listing it', async () => {
    const run = (await rows()).find((candidate) => candidate.runId === runId);
    assert.ok(run);
    asked.length = 0;
    confirm = false;
    const kept = await vscode.commands.executeCommand<RunCommandOutcome>(commandIds.deleteTrace, run);
    assert.equal(kept.done, false);
    assert.ok(fs.existsSync(planted), 'declining deleted the trace');
    confirm = true;
    const deleted = await vscode.commands.executeCommand<RunCommandOutcome>(commandIds.deleteTrace, run);
    assert.equal(deleted.done, true, deleted.message);
    assert.deepEqual(asked, [runId, runId], 'the person was asked each time, about this run');
    assert.equal(fs.existsSync(planted), false, 'the trace file is still there');
    assert.equal((await rows()).some((candidate) => candidate.runId === runId), false, 'the deleted run is still listed');
  });

  it('runs a run again: the same task at the same entry agent, listed in the view', async function () {
    this.timeout(150_000);
    const original: RunSummary = { runId: 'run-view-original', task, origin: 'trace', status: 'completed', startedAt, endedAt: startedAt + 1000, entryAgent: 'concierge' };
    const outcome = await vscode.commands.executeCommand<RunCommandOutcome>(commandIds.runAgain, original);
    assert.equal(outcome.done, true, outcome.message);
    const again = outcome.runId;
    assert.ok(again);
    startedHere.push(again);
    assert.match(outcome.message, new RegExp(`running “/explain src/board\\.ts” again at concierge \\(run ${again}\\)`));
    let ended: RunSummary | undefined;
    for (const started = Date.now(); !ended && Date.now() - started < 120_000; await delay(500)) {
      await (await nova()).testing.runsView.refresh();
      ended = (await rows()).find((candidate) => candidate.runId === again && candidate.status !== 'running');
    }
    assert.ok(ended, 'the run started again never ended in the view');
    assert.equal(ended.task, task);
    assert.equal(ended.entryAgent, 'concierge');
    assert.ok(fs.existsSync(traceFilePath(root, again)), 'the new run has its own trace');
  });
});
