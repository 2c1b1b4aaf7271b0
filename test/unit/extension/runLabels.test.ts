/**
 * The Runs view's words for a run (src/extension/runs/runLabels.ts): the row's description, its icon,
 * how long it took (or has been running), its Markdown tooltip rendered as a person reads it, and
 * the context value the menus test.
 */
import * as assert from 'node:assert/strict';
import type { RunSummary } from '../../../src/protocol/run';
import { canRunAgain, durationText, runContextValue, runDescription, runIcon, runLabel, runTooltip } from '../../../src/extension/runs/runLabels';

// marked ships as an ES module only (see src/webview/chat/markdown.ts).
const { marked } = require('marked') as typeof import('marked', { with: { 'resolution-mode': 'import' } });

const startedAt = Date.UTC(2026, 11, 1, 12, 0, 0);
const ended: RunSummary = {
  runId: 'run-42',
  task: 'Rename getCwd to currentDirectory',
  origin: 'trace',
  status: 'completed',
  startedAt,
  endedAt: startedAt + 12_300,
  entryAgent: 'coder',
  usage: { steps: 5, tokens: 12_345, costUsd: 0.0123 },
  problems: 2,
};

/** The tooltip as the hover shows it: rendered Markdown, tags dropped, entities read. */
function shown(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return html.replace(/<br>/g, '\n').replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}

describe('the Runs view: how a run reads', () => {
  it('says status, entry agent, duration, cost and problems in one line', () => {
    assert.equal(runDescription(ended, startedAt + 60_000), 'completed · coder · 12 s · $0.0123 · 2 problems');
    assert.equal(runDescription({ ...ended, problems: 1 }, 0), 'completed · coder · 12 s · $0.0123 · 1 problem');
    assert.equal(runDescription({ ...ended, problems: 0, usage: { steps: 3, tokens: 900, costUsd: 0 } }, 0), 'completed · coder · 12 s · $0', 'offline: nothing spent, no problems said');
    // A trace cut off before its run span: no entry agent, no end, no problem count known.
    const partial: RunSummary = { runId: 'run-7', task: '(the run did not finish; its trace is partial)', origin: 'trace', status: 'unknown', startedAt, usage: { steps: 1, tokens: 10, costUsd: 0.5 } };
    assert.equal(runDescription(partial, startedAt + 1000), 'unfinished · $0.50');
  });

  it('shows a running run with the time so far, in whole seconds, and no cost until it ends', () => {
    const running: RunSummary = { runId: 'run-9', task: 'Fix the build', origin: 'chat', status: 'running', startedAt, entryAgent: 'concierge' };
    assert.equal(runDescription(running, startedAt + 4_900), 'running · concierge · 4 s');
    assert.equal(runDescription(running, startedAt + 75_400), 'running · concierge · 1 min 15 s');
  });

  it('words durations as a person reads them', () => {
    assert.equal(durationText(400), '0.4 s');
    assert.equal(durationText(9_400), '9.4 s');
    assert.equal(durationText(9_960), '10 s', 'no "10.0 s"');
    assert.equal(durationText(59_600), '1 min 00 s');
    assert.equal(durationText(245_000), '4 min 05 s');
    assert.equal(durationText(2 * 3_600_000 + 3 * 60_000 + 59_000), '2 h 03 min');
    assert.equal(durationText(-50), '0.0 s', 'a clock set back reads as no time, not negative');
    assert.equal(durationText(1_999, true), '1 s');
  });

  it('draws a run that went sideways in the warning colour, whatever it ended as, and a stopped one as an error', () => {
    assert.deepEqual(runIcon({ status: 'completed', problems: 0 }), { id: 'pass', color: 'charts.green' });
    assert.deepEqual(runIcon({ status: 'completed', problems: 2 }), { id: 'pass', color: 'list.warningForeground' });
    assert.deepEqual(runIcon({ status: 'cancelled', problems: 1 }), { id: 'circle-slash', color: 'list.warningForeground' });
    assert.deepEqual(runIcon({ status: 'stopped', problems: 3 }), { id: 'error', color: 'list.errorForeground' });
    assert.deepEqual(runIcon({ status: 'running' }), { id: 'sync~spin' });
  });

  it('tells the whole story in the tooltip: task, status, started, entry agent, rerun of, cost and trace file', () => {
    const text = shown(runTooltip({ ...ended, rerunOf: 'run-41' }, 0, 'en-US'));
    const lines = text.split('\n').map((line) => line.trim());
    assert.deepEqual(lines, [
      'Rename getCwd to currentDirectory',
      'Status: completed · 2 problems',
      `Started: ${new Date(startedAt).toLocaleString('en-US')} · took 12 s`,
      'Entry agent: coder',
      'Rerun of: run run-41',
      'Cost: $0.0123 · 5 model calls · 12,345 tokens',
      'Trace: .nova/traces/run-42.jsonl',
    ]);
    assert.match(shown(runTooltip({ ...ended, problems: 0 }, 0)), /Status: completed · no problems/);
  });

  it('shows a task literally in the tooltip: Markdown, links and HTML in it stay text', () => {
    const task = '**Delete** [everything](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> `code` $(alert) # title';
    const markdown = runTooltip({ ...ended, task }, 0);
    const html = marked.parse(markdown, { async: false });
    assert.doesNotMatch(html, /<a |<img|<code>|<h1/, html);
    assert.equal(shown(markdown).split('\n')[0], task);
  });

  it('labels a row with its task on one line, or its id when it has none', () => {
    assert.equal(runLabel({ runId: 'run-1', task: 'first line\n  second line' }), 'first line second line');
    assert.equal(runLabel({ runId: 'run-1', task: '  ' }), 'run-1');
    assert.equal(runLabel({ runId: 'run-1', task: 'x'.repeat(300) }).length, 120);
  });

  it('gives each row the context value the menus test: Delete and Export for ended runs, Run Again where a task and entry agent are recorded', () => {
    assert.equal(runContextValue(ended), 'nova.run;ended;again;');
    assert.equal(runContextValue({ ...ended, status: 'running' }), 'nova.run;running;again;');
    const partial = { status: 'unknown' as const, task: '(the run did not finish; its trace is partial)', entryAgent: undefined };
    assert.equal(runContextValue(partial), 'nova.run;ended;');
    assert.equal(canRunAgain(partial), false);
    assert.equal(canRunAgain({ ...ended, entryAgent: undefined }), false);
  });

  it('offers an improvement its change report instead of Run Again (the menu of Open Change Report matches it)', () => {
    const improvement = { ...ended, task: 'Improve: remove dead code' };
    assert.equal(runContextValue(improvement), 'nova.run;ended;improve;');
    assert.equal(canRunAgain(improvement), false);
    assert.match(runContextValue(improvement), /^nova\.run;.*;improve;/);
  });

  it('offers no Run Again for a batched team review: it was a review, not a request for the team', () => {
    const review = { ...ended, task: "Team review: the reviewer's 3 verdict(s) on analyzer findings in 1 file(s), 1 disagreement(s) (batch msgbatch_01)", entryAgent: 'reviewer' };
    assert.equal(canRunAgain(review), false);
    assert.equal(runContextValue(review), 'nova.run;ended;');
  });
});
