/**
 * What the change report page says (src/webview/improve/reportFacts.ts): Accept only for a ready
 * improvement whose report offers it, and otherwise why not — the failing gates by name, in the
 * person's words — plus how long evidence starts collapsed and a gate's facts line.
 */
import * as assert from 'node:assert/strict';
import type { GateRecord, ImproveRecord, ImproveReport } from '../../../src/core/improve/record';
import { ImproveRecord as RecordSchema } from '../../../src/core/improve/record';
import { gateLine } from '../../../src/protocol/webview/improve';
import { improveLoad } from '../../../src/protocol/webview/improve';
import { changeSize, decisionOf, gateFacts, isLongEvidence } from '../../../src/webview/improve/reportFacts';

const gate = (name: GateRecord['gate'], status: GateRecord['status'], extra: Partial<GateRecord> = {}): GateRecord => ({
  gate: name,
  title: { typecheck: 'Type-check', tests: 'Tests (npm test)', review: 'Reviewer verdict', evals: 'Evaluation replay' }[name],
  status,
  summary: status === 'passed' ? 'ok' : 'exit code 1',
  durationMs: 1234,
  evidence: 'output',
  trimmed: false,
  ...extra,
});

function report(gates: GateRecord[], offered: boolean): ImproveReport {
  return {
    version: 1,
    runId: 'improve-1',
    goal: 'Remove dead code',
    target: 'code',
    scope: ['src/**'],
    branch: 'nova/improve/improve-1',
    worktree: '/repo/.git/nova/worktrees/improve-1',
    base: '0123456789abcdef0123456789abcdef01234567',
    title: 'Remove unused imports',
    summary: 'Two unused imports removed.',
    files: [{ path: 'src/board.ts', change: 'modified', added: 0, removed: 2, why: 'unused' }],
    gates,
    protectedAttempts: [],
    risks: [],
    notChecked: [],
    dirtyInScope: [],
    phases: [],
    trace: '.nova/traces/improve-1.jsonl',
    offered,
  };
}

function record(state: ImproveRecord['state'], gates: GateRecord[], offered: boolean, extra: Partial<ImproveRecord> = {}): ImproveRecord {
  // Checked like the page checks it: a record the schema refuses would never reach these words.
  return RecordSchema.parse({ runId: 'improve-1', state, goal: 'Remove dead code', scope: ['src/**'], target: 'code', startedAt: 1, endedAt: 2, report: report(gates, offered), ...extra });
}

describe('the change report page', () => {
  it('offers Accept only for a ready improvement whose every gate passed', () => {
    const passing = [gate('typecheck', 'passed'), gate('tests', 'passed'), gate('review', 'passed'), gate('evals', 'skipped')];
    assert.deepEqual(decisionOf(record('ready', passing, true)), { canAccept: true });
    // A record that says ready but a report that does not offer (never both, but the report decides).
    assert.equal(decisionOf(record('ready', passing, false)).canAccept, false);
  });

  it('says which gates did not pass when nothing is offered', () => {
    const decision = decisionOf(record('blocked', [gate('typecheck', 'passed'), gate('tests', 'failed'), gate('review', 'error')], false));
    assert.equal(decision.canAccept, false);
    assert.match(decision.canAccept ? '' : decision.why, /Tests \(npm test\) failed; Reviewer verdict could not run\. A change is offered only when every gate passed/);
  });

  it('says what happened once decided, where a kept branch is, and why a failed run has nothing', () => {
    const gates = [gate('tests', 'passed')];
    const why = (value: ImproveRecord) => {
      const decision = decisionOf(value);
      return decision.canAccept ? '' : decision.why;
    };
    assert.match(why(record('accepted', gates, true, { changeSetId: 'cs-9' })), /change set in your working tree \(cs-9\)/);
    assert.match(why(record('rejected', gates, true, { keptBranch: true })), /branch nova\/improve\/improve-1 and its worktree \/repo\/\.git\/nova\/worktrees\/improve-1 were kept/);
    assert.match(why(record('rejected', gates, true, { keptBranch: false })), /worktree was removed and the branch deleted/);
    assert.match(why(RecordSchema.parse({ runId: 'r', state: 'failed', goal: 'g', scope: ['**'], target: 'code', startedAt: 1, error: 'not a git repository' })), /could not finish: not a git repository/);
    assert.match(why(RecordSchema.parse({ runId: 'r', state: 'running', goal: 'g', scope: ['**'], target: 'code', startedAt: 1 })), /still running/);
  });

  it('collapses long evidence and says each gate as recorded', () => {
    assert.equal(isLongEvidence('one\ntwo'), false);
    assert.equal(isLongEvidence(Array.from({ length: 40 }, (_, index) => `line ${index}`).join('\n')), true);
    assert.equal(isLongEvidence('x'.repeat(5000)), true);
    assert.equal(gateFacts(gate('tests', 'failed', { command: 'npm test', exitCode: 1 })), '$ npm test · exit code 1 · 1.2 s');
    assert.equal(gateFacts(gate('review', 'passed')), '1.2 s');
    assert.equal(gateLine(gate('tests', 'failed')), 'Tests (npm test): Failed — exit code 1');
    assert.equal(changeSize({ added: 3, removed: 1 }), '+3 −1');
  });

  it('refuses an improve/load whose record is not one (the page draws only checked records)', () => {
    assert.equal(improveLoad.params.safeParse({ record: record('ready', [], false) }).success, true);
    assert.equal(improveLoad.params.safeParse({ record: { runId: 'x', state: 'ready' } }).success, false);
    assert.equal(improveLoad.params.safeParse({ record: { ...record('ready', [], false), report: { ...report([], false), offered: 'yes' } } }).success, false);
  });
});
