import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { judgeOutcome, parseEval, readEvals } from '../../../src/core/improve/evals';
import type { RunResult } from '../../../src/core/orchestrator/result';

const usage = { steps: 3, tokens: 900, costUsd: 0 };
function ended(status: RunResult['status'], contract?: string, payload?: unknown): RunResult {
  return { runId: 'r', status, ...(contract ? { result: { agent: 'reviewer', contract, payload, via: 'result' as const } } : {}), artifacts: [], decisions: [], usage, traceProblems: [] };
}

// The .nova/evals/*.json format: read strictly, each problem naming its file and field.
describe('improve evals: the recorded format', () => {
  const valid = { task: { text: '/review src' }, expect: { status: 'completed', contract: 'ReviewVerdict', mentions: ['No New Errors'] }, cost: { tokens: 1200, usd: 0.01 } };

  it('reads a valid eval, named after its file unless it names itself', () => {
    const read = parseEval('.nova/evals/review.json', JSON.stringify(valid));
    assert.ok(read.ok);
    assert.equal(read.value.name, 'review');
    assert.deepEqual(read.value.eval, valid);
    const named = parseEval('.nova/evals/review.json', JSON.stringify({ ...valid, name: 'the review' }));
    assert.ok(named.ok && named.value.name === 'the review');
  });

  it('refuses unknown fields and wrong types, naming the file and each field', () => {
    const read = parseEval('.nova/evals/x.json', JSON.stringify({ ...valid, expected: {}, cost: { tokens: -1, usd: 0 } }));
    assert.deepEqual(read, { ok: false, problem: '.nova/evals/x.json is not a valid eval: cost.tokens: Too small: expected number to be >=0; (the file): Unrecognized key: "expected"' });
  });

  it('judges an outcome by status, contract and mentions (case-insensitive, anywhere in the result)', () => {
    const expect = valid.expect as Parameters<typeof judgeOutcome>[0];
    assert.deepEqual(judgeOutcome(expect, ended('completed', 'ReviewVerdict', { summary: 'x', findings: [{ message: 'no new errors here' }] })), { met: true, shown: 'met (completed)' });
    assert.deepEqual(judgeOutcome(expect, ended('completed', 'ReviewVerdict', { summary: 'two new errors' })), { met: false, shown: 'missed: completed, does not mention "No New Errors"' });
    assert.deepEqual(judgeOutcome(expect, ended('completed', 'Answer', { text: 'no new errors' })), { met: false, shown: 'missed: completed, result Answer, expected ReviewVerdict' });
    assert.deepEqual(judgeOutcome({ status: 'escalated' }, ended('escalated')), { met: true, shown: 'met (escalated)' });
  });

  it('reads every .json file of the folder in order, and reports each broken one', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nova-evals-'));
    try {
      assert.deepEqual(await readEvals(folder), { evals: [], problems: [] });
      fs.mkdirSync(path.join(folder, '.nova', 'evals', 'dir.json'), { recursive: true });
      fs.writeFileSync(path.join(folder, '.nova', 'evals', 'b.json'), JSON.stringify(valid));
      fs.writeFileSync(path.join(folder, '.nova', 'evals', 'a.json'), JSON.stringify(valid));
      fs.writeFileSync(path.join(folder, '.nova', 'evals', 'c.json'), '[');
      fs.writeFileSync(path.join(folder, '.nova', 'evals', 'notes.md'), 'not an eval');
      const { evals, problems } = await readEvals(folder);
      assert.deepEqual(evals.map((loaded) => loaded.file), ['.nova/evals/a.json', '.nova/evals/b.json']);
      assert.equal(problems.length, 2);
      assert.match(problems[0] ?? '', /^\.nova\/evals\/c\.json is not valid JSON: /);
      assert.equal(problems[1], '.nova/evals/dir.json is not a file');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
