import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/extension/contributions';
import type { NovaApi } from '../../../src/extension/main';
import type { ImproveOutcome, ImprovePrompts, OpenReportPanel, ReportOpened } from '../../../src/extension/improveSession';
import type { ScopeWork } from '../../../src/extension/client/improve/improvePrompts';
import { poll } from '../../poll';

// Runs inside the real extension host, on the copy of sample/ (a git repository with one commit),
// with Nova's server and the offline team: "Nova: Improve…" as the palette runs it, its questions
// answered through NovaApi.testing.improve (the QuickPicks and the modal are VS Code's own), the
// run through the real loop (a worktree, the gates), the report panel's page played through its
// endpoint — the page's own messages, checked there like the page's — to Accept and Reject.
const manifest = require('../../../../package.json') as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;

async function nova(): Promise<NovaApi> {
  const extension = vscode.extensions.getExtension<NovaApi>(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  return extension.activate();
}

const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, encoding: 'utf8' });

/** What the person would answer: the sample's report.ts, the goal the offline team acts on, and Continue or Cancel on a dirty scope. */
function answers(startAnyway: boolean, asked: ScopeWork[]): ImprovePrompts {
  return {
    scope: async () => ['src/report.ts'],
    goal: async () => ({ goal: 'remove unused imports' }),
    startAnyway: async (work) => (asked.push(work), startAnyway),
  };
}

/** The page's side: says ready, then sends one request and waits for its answer in what the panel posted. */
async function pageRequest(panel: OpenReportPanel, id: number, method: string, params: unknown): Promise<{ result?: unknown; error?: { message: string } }> {
  panel.receive({ kind: 'ready' });
  panel.receive({ kind: 'request', id, method, params });
  const answer = await poll(() => panel.recentlyPosted().find((envelope) => typeof envelope === 'object' && envelope !== null && (envelope as { id?: unknown }).id === id) as { result?: unknown; error?: { message: string } } | undefined, 60_000);
  assert.ok(answer, `${method} was never answered`);
  return answer;
}

async function improved(api: NovaApi): Promise<{ runId: string; panel: OpenReportPanel }> {
  const outcome = await vscode.commands.executeCommand<ImproveOutcome>(commandIds.improve);
  assert.ok(outcome.started, outcome.started ? '' : outcome.reason);
  const ended = await outcome.ended;
  assert.equal(ended.state, 'ready', `${ended.state}: ${ended.error ?? JSON.stringify(ended.report?.gates.map((gate) => [gate.gate, gate.status, gate.summary]))}`);
  // The run's end opens its report.
  const panel = await poll(() => api.testing.improve().reports().find((candidate) => candidate.runId === outcome.runId && candidate.record?.state === 'ready'), 30_000);
  assert.ok(panel, 'the change report did not open when the run ended');
  return { runId: outcome.runId, panel };
}

describe('The improve loop, in a real VS Code', function () {
  this.timeout(240_000);
  const asked: ScopeWork[] = [];
  const reportFile = path.join(root, 'src', 'report.ts');
  let reportBefore = '';
  let reportDirty = false;
  const branches = (name: string) => git('branch', '--list', '--format=%(refname:short)', name).trim();

  before(async () => {
    const api = await nova();
    api.testing.answerAgentConsent(async () => false);
    api.testing.improve().answerWith(answers(true, asked));
    // The suites leave the workspace's HEAD, index and branches as they found them (index.ts checks): no commit here.
    reportBefore = fs.readFileSync(reportFile, 'utf8');
    reportDirty = git('status', '--porcelain', '--', 'src/report.ts').trim() !== '';
  });

  after(async () => {
    const api = await nova();
    api.testing.improve().answerWith(undefined);
    api.testing.answerAgentConsent(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Improve… → the report panel → Accept: the change is a change set to review, the working tree not yet changed', async () => {
    const api = await nova();
    const { runId, panel } = await improved(api);
    const record = panel.record;
    assert.ok(record?.report);
    assert.equal(record.report.offered, true);
    assert.deepEqual(record.report.files.map((file) => file.path), ['src/report.ts']);
    assert.deepEqual(record.report.gates.map((gate) => gate.gate), ['typecheck', 'tests', 'review', 'evals']);
    assert.equal(asked.length, reportDirty ? 1 : 0, 'only a dirty scope is put to the person');
    assert.match(panel.title, /^Change report: /);

    const accepted = await pageRequest(panel, 1, 'improve/accept', {});
    assert.equal(accepted.error, undefined, accepted.error?.message);
    const { changeSetId } = accepted.result as { changeSetId: string };
    const pending = await api.pendingProposals();
    const set = pending.find((candidate) => candidate.id === changeSetId);
    assert.ok(set, `change set ${changeSetId} is not pending`);
    assert.equal(set.source.kind === 'agent' ? set.source.runId : undefined, runId);
    assert.deepEqual(set.files.map((file) => file.path), ['src/report.ts']);
    assert.equal(fs.readFileSync(reportFile, 'utf8'), reportBefore, 'hunks wait for the person; nothing is applied yet');
    assert.equal(panel.record?.state, 'accepted', 'the panel is told the decision');
    assert.equal(branches(`nova/improve/${runId}`), '', 'the branch is deleted once accepted');
    // The change set opens for review (its proposed side, like the Proposals view's Open Diff).
    const reviewing = await poll(() => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === 'nova-proposed'), 15_000);
    assert.ok(reviewing, 'the accepted change set did not open for review');
    // Decided: accepting again is refused, and nothing changes.
    const again = await pageRequest(panel, 2, 'improve/accept', {});
    assert.match(again.error?.message ?? '', /not offered/);
    await vscode.commands.executeCommand(commandIds.rejectProposal, { kind: 'changeSet', set });
  });

  it('Reject, keeping the branch for inspection; the report says where it is; "Open Change Report" reopens it', async () => {
    const api = await nova();
    const { runId, panel } = await improved(api);
    const fileOpened = await pageRequest(panel, 1, 'improve/openFile', { path: 'src/report.ts' });
    assert.equal(fileOpened.error, undefined, fileOpened.error?.message);
    const diff = await poll(() => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.original.scheme === 'nova-improve-base'), 15_000);
    assert.ok(diff, 'no base..branch diff of the file opened');
    const notListed = await pageRequest(panel, 2, 'improve/openFile', { path: '../outside.ts' });
    assert.match(notListed.error?.message ?? '', /not a file of this improvement's report/);

    const rejected = await pageRequest(panel, 3, 'improve/reject', { keepBranch: true });
    assert.equal(rejected.error, undefined, rejected.error?.message);
    const { branch, worktree, kept } = rejected.result as { branch: string; worktree: string; kept: boolean };
    assert.equal(kept, true);
    try {
      assert.equal(branches(branch), branch);
      assert.ok(fs.existsSync(worktree), `${worktree} was not kept`);
      assert.equal(fs.readFileSync(reportFile, 'utf8'), reportBefore);

      panel.receive({ kind: 'ready' });
      const opened = await vscode.commands.executeCommand<ReportOpened>(commandIds.openImprovement, { runId });
      assert.deepEqual(opened, { opened: true, runId, state: 'rejected' });
      const told = panel.recentlyPosted().filter((envelope) => (envelope as { method?: string }).method === 'improve/load');
      assert.equal((told.at(-1) as { params: { record: { keptBranch?: boolean } } }).params.record.keptBranch, true);
    } finally {
      git('worktree', 'remove', '--force', worktree);
      git('branch', '-D', branch);
    }
  });

  it('puts a dirty scope to the person before starting, and Cancel starts nothing', async () => {
    const api = await nova();
    api.testing.improve().answerWith(answers(false, asked));
    fs.appendFileSync(reportFile, '\n// work in progress\n');
    try {
      const outcome = await vscode.commands.executeCommand<ImproveOutcome>(commandIds.improve);
      assert.deepEqual(outcome, { started: false, reason: 'Cancelled: the scope has uncommitted or unsaved work.' });
      assert.deepEqual(asked.at(-1)?.dirtyInScope, ['src/report.ts']);
      assert.equal(git('worktree', 'list').trim().split('\n').length, 1, 'no worktree was created');
    } finally {
      fs.writeFileSync(reportFile, reportBefore);
      api.testing.improve().answerWith(answers(true, asked));
    }
  });

  it('in Restricted Mode starts nothing and says why', async () => {
    const api = await nova();
    await api.testing.overrideTrust(false);
    try {
      const outcome = await vscode.commands.executeCommand<ImproveOutcome>(commandIds.improve);
      assert.equal(outcome.started, false);
      assert.match(outcome.started ? '' : outcome.reason, /Restricted Mode|trusted/i);
      assert.equal(git('worktree', 'list').trim().split('\n').length, 1);
    } finally {
      await api.testing.overrideTrust(undefined);
    }
  });
});
