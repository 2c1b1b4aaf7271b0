/**
 * An improve run's trace read back: refused writes to protected paths and gates that failed or could
 * not run are problems with a summary a person reads (rollup.ts), their lines say what happened
 * (spanLine.ts), and `nova trace show` marks them and prints the failing gate's own output.
 */
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { traceShowCommand } from '../../../src/cli/traceCommand';
import { TerminalOutput } from '../../../src/cli/terminalOutput';
import type { GateRecord } from '../../../src/core/improve/record';
import { describeProblem, describeProblems } from '../../../src/core/trace/rollup';
import { describeSpan } from '../../../src/core/trace/spanLine';
import type { Span } from '../../../src/core/trace/spans';
import { improveRunId, improveTraceSpans } from '../../support/improveTrace';
import { plantTrace } from '../../support/plantedTrace';
import { tempWorkspace } from '../../support/team';

const byId = (id: string): Span => improveTraceSpans().find((span) => span.id === id) as Span;

describe("an improve run's problems in its trace", () => {
  it('counts each protected write and each failed gate, in the order they happened, and nothing that went well', () => {
    assert.deepEqual(describeProblems(improveTraceSpans()).map((problem) => [problem.spanId, problem.kind, problem.agent, problem.summary]), [
      ['pw-test', 'protected_write', 'refactorer', 'refactorer tried to change the protected test/board.test.ts; the proposal was refused: "test/board.test.ts" is a test the test gate runs (tests are protected unless the goal names them)'],
      ['pw-command', 'protected_write', 'command', 'A command changed the protected package.json in the worktree; it was restored: "package.json" is the gates\' configuration (its scripts define the test command)'],
      ['g-tests', 'gate', '', 'Gate Tests (npm test) failed: exit code 1'],
    ]);
  });

  it('counts a gate that could not run, and a failed phase outside the gates, but not a gate phase twice', () => {
    const tests = byId('g-tests') as Extract<Span, { kind: 'gate' }>;
    const errored: Span = { ...tests, record: { ...tests.record, status: 'error', summary: 'timed out after 600 s' } satisfies GateRecord };
    assert.equal(describeProblem(errored)?.summary, 'Gate Tests (npm test) could not run: timed out after 600 s');
    const worktree = { ...byId('p-worktree'), status: 'failed', detail: 'git worktree add failed: not a git repository' } as Span;
    assert.equal(describeProblem(worktree)?.summary, "The improve run's worktree phase failed: git worktree add failed: not a git repository");
    assert.equal(describeProblem(byId('p-tests')), undefined, 'the failed gate is the problem, not its phase as well');
    assert.equal(describeProblem(byId('g-evals')), undefined, 'a skipped gate says why; it is no problem');
  });

  it('says in one line what each new span kind recorded', () => {
    assert.equal(describeSpan(byId('pw-test')), 'protected test/board.test.ts: refactorer\'s proposal refused — "test/board.test.ts" is a test the test gate runs (tests are protected unless the goal names them)');
    assert.equal(describeSpan(byId('pw-command')), 'protected package.json: changed by a command, restored from the base — "package.json" is the gates\' configuration (its scripts define the test command)');
    assert.equal(describeSpan(byId('g-tests')), 'gate Tests (npm test) → failed (npm test, exit 1), 4.2 s: exit code 1');
    assert.equal(describeSpan(byId('g-evals')), 'gate Evaluation replay → skipped, 1 ms: no agent definition changed');
    assert.equal(describeSpan(byId('p-worktree')), 'improve: worktree → ok, 300 ms: .git/nova/worktrees/run-improve on nova/improve/run-improve');
  });

  it('nova trace show marks them and prints the failing gate\'s captured output and where its log is', async () => {
    const workspace = await tempWorkspace();
    try {
      const file = plantTrace(workspace.folder, improveRunId, improveTraceSpans());
      const stream = new PassThrough();
      let printed = '';
      stream.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
      assert.equal(await traceShowCommand(file, new TerminalOutput(stream)), 0);
      assert.match(printed, /\n {4}✗ gate Tests \(npm test\) → failed \(npm test, exit 1\), 4\.2 s: exit code 1\n {8}evidence:\n {8}│ > sample@1\.0\.0 test\n/);
      assert.match(printed, /│ {6}AssertionError: expected 'todo' to equal 'done'\n {8}whole log: \.nova\/improve\/run-improve\/tests\.log\n/);
      assert.match(printed, /✗ protected test\/board\.test\.ts: refactorer's proposal refused/);
      assert.match(printed, /✗ protected package\.json: changed by a command, restored from the base/);
      assert.match(printed, /\n3 problem\(s\):\n/);
      assert.match(printed, /\n {4}gate Type-check → passed \(tsc --noEmit, exit 0\), 2\.1 s: no errors in 3 files\n {2}improve: tests/, 'a passed gate is no problem and has no evidence to print');
    } finally {
      await workspace.cleanup();
    }
  });
});
