import * as assert from 'node:assert/strict';
import { contractNames, getContract, handoffContracts } from '../../../src/core/contracts';
import { validatePayload } from '../../../src/core/contracts/validate';
import type { ChangeSet } from '../../../src/core/edits/changeSet';
import { changeFeedback, hasRejectedHunks } from '../../../src/core/edits/changeFeedback';
import { newChangeSet } from '../../../src/core/edits/newChangeSet';
import { RunStartParams } from '../../../src/protocol/run';

const text = ['let a = 1;', 'let b = 2;', 'let c = 3;', 'let d = 4;', 'let e = 5;', 'let f = 6;', 'let g = 7;', 'let h = 8;', ''].join('\n');

function decided(): ChangeSet {
  const set = newChangeSet(
    'cs-9',
    0,
    { kind: 'agent', agent: 'refactorer', runId: 'run-1' },
    {
      summary: 'Constants',
      rationale: 'never reassigned',
      files: [{ path: 'src/n.ts', hunks: [{ startLine: 1, before: 'let a = 1;', after: 'const a = 1;', rationale: 'never reassigned' }, { startLine: 8, before: 'let h = 8;', after: 'const h = 8;', rationale: 'never reassigned' }] }],
      risks: [],
    },
    new Map([['src/n.ts', text]]),
  );
  const [first, second] = set.files[0]?.hunks ?? [];
  const file = set.files[0];
  if (!first || !second || !file) throw new Error('no hunks');
  return { ...set, files: [{ ...file, hunks: [{ ...first, status: 'accepted' }, { ...second, status: 'rejected', reason: 'h is reassigned in a test' }] }] };
}

describe('ChangeFeedback: the person’s decisions on a change set, for its author', () => {
  it('is a registered contract that only the person produces: agents accept it, no agent hands it on', () => {
    assert.ok(contractNames.includes('ChangeFeedback'));
    assert.deepEqual(handoffContracts(['RefactorRequest', 'ChangeFeedback']), ['RefactorRequest']);
  });

  it('is built from the store’s record: every hunk with its status, and the reason of the rejected one', () => {
    const feedback = changeFeedback(decided(), '  keep h mutable  ');
    assert.deepEqual(feedback, {
      changeSetId: 'cs-9',
      summary: 'Constants',
      task: 'keep h mutable',
      hunks: [
        { path: 'src/n.ts', startLine: 1, before: 'let a = 1;', after: 'const a = 1;', status: 'accepted' },
        { path: 'src/n.ts', startLine: 8, before: 'let h = 8;', after: 'const h = 8;', status: 'rejected', reason: 'h is reassigned in a test' },
      ],
    });
    assert.ok(validatePayload(getContract('ChangeFeedback'), feedback).ok);
    assert.equal(changeFeedback(decided(), '   ').task, undefined, 'a blank task is no task');
    assert.ok(hasRejectedHunks(decided()));
  });

  it('refuses a hunk without a status, a status it does not know, or no hunks — naming the field', () => {
    const feedback = changeFeedback(decided());
    const checks = [
      { ...feedback, hunks: [] },
      { ...feedback, hunks: [{ ...feedback.hunks[0], status: 'maybe' }] },
      { ...feedback, hunks: [{ path: 'src/n.ts', startLine: 0, before: '', after: '' }] },
    ].map((payload) => validatePayload(getContract('ChangeFeedback'), payload));
    assert.deepEqual(
      checks.map((checked) => (checked.ok ? [] : checked.issues.map((issue) => issue.split(':')[0]))),
      [['hunks'], ['hunks.0.status'], ['hunks.0.startLine', 'hunks.0.status']],
    );
  });

  it('travels in nova/run.start as `feedback`, checked there: a malformed one never starts a run', () => {
    assert.ok(RunStartParams.safeParse({ task: 'Try again', agent: 'refactorer', feedback: changeFeedback(decided()) }).success);
    const bad = RunStartParams.safeParse({ task: 'Try again', agent: 'refactorer', feedback: { changeSetId: 'cs-9', hunks: [] } });
    assert.ok(!bad.success);
    assert.deepEqual(bad.error.issues.map((issue) => issue.path.join('.')).sort(), ['feedback.hunks', 'feedback.summary']);
  });
});
