import * as assert from 'node:assert/strict';
import { contractNames, findContract, getContract, handoffContracts } from '../../../src/core/contracts';
import { validatePayload, type Validation } from '../../../src/core/contracts/validate';
import { examples } from '../../support/payloads';

function issuesOf(checked: Validation): readonly string[] {
  assert.ok(!checked.ok, 'expected the payload to be refused');
  return checked.issues;
}

const check = (contract: string, payload: unknown) => validatePayload(getContract(contract), payload);

/**
 * The rules a schema's types cannot say (a gate report that passes over a failed gate, a ruling
 * without its outcome, a path a proposal may not name), and how a refusal reads: each issue
 * `path: message`, so the model that wrote the payload can fix exactly what is wrong.
 */
describe('contract validation: the rules beyond the types, and what a refusal says', () => {
  it('hands on the payload as the contract reads it, defaults filled in', () => {
    const { findings: _findings, ...withoutFindings } = examples.ReviewVerdict;
    const checked = check('ReviewVerdict', withoutFindings);
    assert.ok(checked.ok);
    assert.deepEqual(checked.value, { ...withoutFindings, findings: [] });
  });

  it('names each problem by its path inside the payload, or "(payload)" when the payload itself is wrong', () => {
    const hunk = { startLine: 0, before: 'a', after: 'b', rationale: 'r' };
    assert.deepEqual(issuesOf(check('ChangeProposal', { ...examples.ChangeProposal, files: [{ path: 'src/a.ts', hunks: [hunk] }] })), [
      'files.0.hunks.0.startLine: Too small: expected number to be >=1',
    ]);
    assert.deepEqual(issuesOf(check('Answer', 'board.ts holds the task board')), ['(payload): Invalid input: expected object, received string']);
  });

  it('a gate report is "passed" exactly when every gate passed or was skipped', () => {
    const gate = (status: string) => ({ name: status, status, evidence: 'log' });
    const report = (overall: string, ...statuses: string[]) => check('GateReport', { gates: statuses.map(gate), overall });
    const refusal = 'overall: overall must be "passed" exactly when no gate failed or errored';

    assert.ok(report('passed', 'passed', 'skipped').ok, 'a skipped gate does not fail the report');
    assert.ok(report('failed', 'passed', 'failed').ok, 'one failed gate among passing ones fails it');
    assert.ok(report('failed', 'error').ok);
    assert.deepEqual(issuesOf(report('passed', 'passed', 'error')), [refusal]);
    assert.deepEqual(issuesOf(report('passed', 'skipped', 'failed')), [refusal]);
    assert.deepEqual(issuesOf(report('failed', 'passed', 'skipped')), [refusal], 'nothing failed, so "failed" is not the truth either');
  });

  it('a ruling that decides names the outcome; one that cannot decide need not', () => {
    assert.ok(check('Ruling', { ruling: 'undecided', rationale: 'cannot tell' }).ok);
    assert.ok(check('Ruling', { ruling: 'decided', outcome: 'reject', rationale: 'a leaked key' }).ok);
    assert.deepEqual(issuesOf(check('Ruling', { ruling: 'decided', rationale: 'a leaked key' })), ['outcome: a decided ruling names its outcome']);
  });

  it('a change proposal naming a path outside the workspace or a protected one is refused with the rule', () => {
    const naming = (path: string) => check('ChangeProposal', { ...examples.ChangeProposal, files: [{ path, hunks: [{ startLine: 1, before: '', after: 'x', rationale: 'r' }] }] });
    assert.ok(naming('src/board.ts').ok);
    const [outside] = issuesOf(naming('../secrets.ts'));
    assert.match(outside ?? '', /^files\.0\.path: "\.\.\/secrets\.ts" .+; a proposal may only name a path relative to the workspace folder, with "\/" separators/);
    const [hook] = issuesOf(naming('.git/hooks/pre-commit'));
    assert.match(hook ?? '', /^files\.0\.path: "\.git\/hooks\/pre-commit" /);
  });

  it('finds contracts by name, leaves the person-only ones out of handoffs, and names the known ones for an unknown name', () => {
    assert.equal(findContract('Plan')?.name, 'Plan');
    assert.equal(findContract('Plans'), undefined);
    assert.deepEqual(handoffContracts(['RefactorRequest', 'ChangeFeedback']), ['RefactorRequest']);
    assert.deepEqual(handoffContracts(['ChangeFeedback']), []);
    assert.deepEqual(handoffContracts(['ChangeProposal', 'RoutedTask']), ['ChangeProposal', 'RoutedTask']);
    assert.throws(() => getContract('Plans'), { message: `Unknown contract "Plans". Known: ${contractNames.join(', ')}.` });
    assert.ok(contractNames.includes('UserRequest') && contractNames.includes('StuckReport'));
  });
});
