/**
 * The spans of an improve run that went wrong in every way the loop records: a refactorer's
 * proposal naming a test (refused), a command that changed package.json (restored), a type-check
 * that passed, a test gate that failed with its captured output, a skipped eval replay. For the
 * trace's rollup, `nova trace show` and the trace page.
 */
import type { GateRecord } from '../../src/core/improve/record';
import type { Span } from '../../src/core/trace/spans';

export const improveRunId = 'run-improve';

export const failingTestOutput = ['> sample@1.0.0 test', '> mocha', '', '  board', '    ✔ adds a task', '    1) moves a task', '', '  1 passing (4ms)', '  1 failing', '', '  1) board moves a task:', "     AssertionError: expected 'todo' to equal 'done'"].join('\n');

export function improveTraceSpans(at = Date.UTC(2026, 11, 1, 22)): Span[] {
  const runId = improveRunId;
  const base = (id: string, parentId: string | null, offset: number, length: number, agent?: string) => ({ runId, id, parentId, startedAt: at + offset, endedAt: at + offset + length, ...(agent ? { agent } : {}) });
  const gate = (record: Omit<GateRecord, 'trimmed'>): GateRecord => ({ trimmed: false, ...record });
  return [
    { ...base('p-preflight', 'run', 0, 40), kind: 'improve_phase', phase: 'preflight', status: 'ok', detail: 'no uncommitted work in the scope' },
    { ...base('p-worktree', 'run', 40, 300), kind: 'improve_phase', phase: 'worktree', status: 'ok', detail: '.git/nova/worktrees/run-improve on nova/improve/run-improve' },
    { ...base('pw-test', 'turn-1', 600, 0, 'refactorer'), kind: 'protected_write', attempt: { agent: 'refactorer', path: 'test/board.test.ts', reason: '"test/board.test.ts" is a test the test gate runs (tests are protected unless the goal names them)', via: 'proposal' } },
    { ...base('turn-1', 'a-refactorer', 400, 400, 'refactorer'), kind: 'turn', index: 1 },
    { ...base('a-refactorer', 'p-agents', 380, 500, 'refactorer'), kind: 'agent', accepted: 'RefactorRequest', outcome: 'submitted', returned: 'ChangeProposal', from: 'planner', constitution: { sha256: 'a'.repeat(64), bytes: 812 } },
    { ...base('p-agents', 'run', 340, 600), kind: 'improve_phase', phase: 'agents', status: 'ok', detail: '1 proposal' },
    { ...base('pw-command', 'p-apply', 960, 0, 'command'), kind: 'protected_write', attempt: { agent: 'command', path: 'package.json', reason: '"package.json" is the gates\' configuration (its scripts define the test command)', via: 'command' } },
    { ...base('p-apply', 'run', 940, 80), kind: 'improve_phase', phase: 'apply', status: 'ok', detail: '1 file changed, 1 restored' },
    { ...base('g-typecheck', 'p-typecheck', 1030, 2100), kind: 'gate', record: gate({ gate: 'typecheck', title: 'Type-check', status: 'passed', summary: 'no errors in 3 files', command: 'tsc --noEmit', exitCode: 0, durationMs: 2100, evidence: '' }) },
    { ...base('p-typecheck', 'run', 1020, 2120), kind: 'improve_phase', phase: 'typecheck', status: 'ok' },
    { ...base('g-tests', 'p-tests', 3150, 4200), kind: 'gate', record: gate({ gate: 'tests', title: 'Tests (npm test)', status: 'failed', summary: 'exit code 1', command: 'npm test', exitCode: 1, durationMs: 4200, evidence: failingTestOutput, logFile: '.nova/improve/run-improve/tests.log' }) },
    { ...base('p-tests', 'run', 3140, 4220), kind: 'improve_phase', phase: 'tests', status: 'failed', detail: 'exit code 1' },
    { ...base('g-evals', 'p-evals', 7370, 1), kind: 'gate', record: gate({ gate: 'evals', title: 'Evaluation replay', status: 'skipped', summary: 'no agent definition changed', durationMs: 1, evidence: '' }) },
    { ...base('p-evals', 'run', 7365, 10), kind: 'improve_phase', phase: 'evals', status: 'skipped' },
    { ...base('run', null, 0, 7400), kind: 'run', task: 'Improve: remove dead code', entryAgent: 'concierge', status: 'completed' },
  ] as Span[];
}
