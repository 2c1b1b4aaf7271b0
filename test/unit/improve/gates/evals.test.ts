import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evalsGate } from '../../../../src/core/improve/gates/evals';
import { repoRoot, sampleDir } from '../../../../tools/paths';
import { gateContext, gateWorkspace, type Change, type GateWorkspace } from './gateWorkspace';

/** A workspace that is Nova's own repository as the gate tells it: package.json `nova`, the shipped agents in agents/. */
function novaRepository(evals: Record<string, unknown>): Record<string, string> {
  const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'nova', private: true }) };
  for (const name of fs.readdirSync(path.join(repoRoot, 'agents'))) files[`agents/${name}`] = fs.readFileSync(path.join(repoRoot, 'agents', name), 'utf8');
  for (const name of fs.readdirSync(path.join(sampleDir, 'src'))) files[`src/${name}`] = fs.readFileSync(path.join(sampleDir, 'src', name), 'utf8');
  files['tsconfig.json'] = JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', types: [], noEmit: true }, include: ['src'] });
  for (const [name, value] of Object.entries(evals)) files[`.nova/evals/${name}`] = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return files;
}

const refactorEval = {
  name: 'remove unused import',
  task: { text: '/refactor remove unused imports in src/report.ts', files: ['src/report.ts'] },
  expect: { status: 'completed', contract: 'ReviewVerdict', mentions: ['no new errors'] },
  cost: { tokens: 0, usd: 0 },
};
const reviewEval = {
  task: { text: '/review src/board.ts' },
  expect: { status: 'completed', contract: 'ReviewVerdict' },
  cost: { tokens: 0, usd: 0 },
};

function agentFile(name: string): string {
  return fs.readFileSync(path.join(repoRoot, 'agents', `${name}.md`), 'utf8');
}

// The evals gate replays recorded tasks with the real team before and after an agent-definition change.
describe('improve gates: evals', function () {
  this.timeout(180_000);
  let workspace: GateWorkspace;
  afterEach(() => {
    assert.deepEqual([...(workspace?.openCheckouts ?? [])], [], 'every base checkout is disposed');
    workspace?.cleanup();
  });

  const run = (change: Change, evals: Record<string, unknown> = { 'refactor.json': refactorEval, 'review.json': reviewEval }) => {
    workspace = gateWorkspace(novaRepository(evals), change);
    return evalsGate.run(gateContext(workspace));
  };

  const docsWriter = '---\nname: docs-writer\ndescription: Writes the docs a change needs.\nrole: specialist\ntools: [read_file]\nowns: []\nadvises: []\naccepts: [RefactorRequest]\nreturns: ChangeProposal\nhandoffs: []\nbudget: { turns: 4, tokens: 40000, usd: 0.4 }\n---\nYou write the docs a change needs.\n';
  const table = '| eval | before | after | tokens before → after | Δ % |\n| --- | --- | --- | --- | --- |';

  it('passes a harmless agent change: every eval met before and after, cost within the tolerance', async () => {
    const record = await run({ '.nova/agents/docs-writer.md': docsWriter });
    assert.equal(record.status, 'passed', record.evidence);
    assert.equal(record.title, 'Evaluation replay');
    assert.equal(record.summary, '2 eval(s), no regression (cost within 10 %)');
    assert.ok(record.evidence.startsWith(`Agent definitions changed: .nova/agents/docs-writer.md.\n\n${table}\n`), record.evidence);
    const rows = record.evidence.split('\n').filter((line) => line.startsWith('| remove') || line.startsWith('| review'));
    assert.equal(rows.length, 2);
    for (const row of rows) assert.match(row, /^\| [\w ]+ \| met \(completed\) \| met \(completed\) \| \d+ → \d+ \| [+−]?\d+\.\d % \|$/);
    assert.ok(!record.evidence.includes('Blocked'));
  });

  it('blocks an agent change that makes a recorded eval cost more than the tolerance (a much longer prompt)', async () => {
    const longer = `${agentFile('typescript-specialist')}\n\n${'Read every hunk twice before you propose it, and say why. '.repeat(300)}\n`;
    const record = await run({ 'agents/typescript-specialist.md': longer });
    assert.equal(record.status, 'failed', record.evidence);
    assert.match(record.summary, /^1 regression\(s\) in 2 eval\(s\): remove unused import: \+\d+\.\d % tokens, over the 10 % tolerance$/);
    const row = record.evidence.split('\n').find((line) => line.startsWith('| remove unused import'));
    const [, before, after] = /(\d+) → (\d+)/.exec(row ?? '') ?? [];
    assert.ok(Number(after) > 1.1 * Number(before), row);
    assert.match(record.evidence, /\nBlocked:\n- remove unused import: \+\d+\.\d % tokens, over the 10 % tolerance$/);
    // The review task never reaches the specialist: same cost, no regression there.
    assert.match(record.evidence, /\| review \| met \(completed\) \| met \(completed\) \| (\d+) → \1 \| 0\.0 % \|/);
  });

  it('lets the person widen the tolerance', async () => {
    const longer = `${agentFile('typescript-specialist')}\n\n${'Read every hunk twice before you propose it, and say why. '.repeat(300)}\n`;
    workspace = gateWorkspace(novaRepository({ 'refactor.json': refactorEval }), { 'agents/typescript-specialist.md': longer });
    const record = await evalsGate.run(gateContext(workspace, { settings: { evalCostTolerance: 1 } }));
    assert.equal(record.status, 'passed', record.evidence);
  });

  it('blocks an agent change that makes a recorded eval miss its expected outcome', async () => {
    const record = await run({ 'agents/concierge.md': agentFile('concierge').replace('budget: { turns: 8,', 'budget: { turns: 1,') });
    assert.equal(record.status, 'failed', record.evidence);
    assert.equal(record.summary, '2 regression(s) in 2 eval(s): remove unused import: met its expected outcome before the change, not after; review: met its expected outcome before the change, not after');
    assert.match(record.evidence, /\| remove unused import \| met \(completed\) \| missed: stopped, expected completed, result none, expected ReviewVerdict, does not mention "no new errors" \| \d+ → \d+ \| −\d+\.\d % \|/);
  });

  it('fails when the team does not load after the change', async () => {
    const record = await run({ 'agents/concierge.md': agentFile('concierge').replace('accepts: [UserRequest]', 'accepts: [NoSuchContract]') });
    assert.equal(record.status, 'failed');
    assert.equal(record.summary, 'the team does not load after the change');
    assert.match(record.evidence, /NoSuchContract/);
  });

  it('does not count an eval that missed already before, and notes a recorded cost the replay no longer matches', async () => {
    const impossible = { ...reviewEval, name: 'impossible', expect: { status: 'completed', mentions: ['a phrase no verdict says'] } };
    const stale = { ...refactorEval, cost: { tokens: 1000, usd: 0 } };
    const record = await run({ '.nova/agents/docs-writer.md': docsWriter }, { 'impossible.json': impossible, 'refactor.json': stale });
    assert.equal(record.status, 'passed', record.evidence);
    assert.match(record.evidence, /\| impossible \| missed: completed, does not mention "a phrase no verdict says" \| missed: completed, does not mention "a phrase no verdict says" \|/);
    assert.match(record.evidence, /\nimpossible missed its expected outcome already before the change \(not counted as a regression\)\./);
    assert.match(record.evidence, /\nremove unused import cost \d+ tokens before the change; 1000 when it was recorded \(\.nova\/evals\/refactor\.json\)\./);
  });

  it('is an error naming the file and the issue for a broken eval file, and replays nothing', async () => {
    const record = await run({ '.nova/agents/docs-writer.md': docsWriter }, { 'a.json': refactorEval, 'b.json': { task: { text: ' ' }, expect: { status: 'done' }, cost: { tokens: 1 } } });
    assert.equal(record.status, 'error');
    assert.equal(record.summary, 'broken eval file: .nova/evals/b.json is not a valid eval: task.text: the task text is empty; expect.status: Invalid option: expected one of "completed"|"stopped"|"escalated"|"cancelled"|"unsupported"; cost.usd: Invalid input: expected number, received undefined');
    const notJson = await run({ '.nova/agents/docs-writer.md': docsWriter }, { 'c.json': '{ "task": ' });
    assert.equal(notJson.status, 'error');
    assert.match(notJson.summary, /^broken eval file: \.nova\/evals\/c\.json is not valid JSON: /);
  });

  it('is skipped when no agent definition changed, without checking anything out', async () => {
    const record = await run({ 'src/report.ts': '// [changed]\n' });
    assert.equal(record.status, 'skipped');
    assert.equal(record.summary, 'no agent definition changed');
    assert.deepEqual(workspace.checkouts, []);
  });

  it("does not take a project's own agents/ folder for Nova's shipped agents", async () => {
    const files = novaRepository({ 'refactor.json': refactorEval });
    files['package.json'] = JSON.stringify({ name: 'not-nova' });
    workspace = gateWorkspace(files, { 'agents/concierge.md': `${files['agents/concierge.md']}\nMore.\n` });
    const record = await evalsGate.run(gateContext(workspace));
    assert.equal(record.status, 'skipped');
    assert.equal(record.summary, 'no agent definition changed');
  });

  it('is skipped, saying so, when there are no recorded evals', async () => {
    const record = await run({ '.claude/agents/docs-writer.md': docsWriter }, {});
    assert.equal(record.status, 'skipped');
    assert.equal(record.summary, 'no recorded evals (.nova/evals/*.json): the agent change was not replayed');
    assert.equal(record.evidence, 'Agent definitions changed: .claude/agents/docs-writer.md.');
  });

  it('rejects when cancelled mid-replay, and disposes of the base checkout', async () => {
    workspace = gateWorkspace(novaRepository({ 'refactor.json': refactorEval, 'review.json': reviewEval }), { '.nova/agents/docs-writer.md': docsWriter });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled by the person')), 300);
    await assert.rejects(evalsGate.run(gateContext(workspace, { signal: controller.signal })), /cancelled by the person/);
    assert.equal(workspace.checkouts.length, 1);
  });
});
