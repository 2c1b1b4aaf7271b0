import * as assert from 'node:assert/strict';
import { reviewGate } from '../../../../src/core/improve/gates/review';
import { gateContext, gateWorkspace, type GateWorkspace } from './gateWorkspace';

// The review gate asks the real reviewer (played by the offline model) about the proposal built from the diff.
describe('improve gates: review', () => {
  let workspace: GateWorkspace;
  afterEach(() => workspace?.cleanup());

  const project = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', types: [], noEmit: true }, include: ['src'] }),
    'src/board.ts': 'export function columns(line: string): number {\n  return line.split(",").length;\n}\n',
  };
  const sound = { 'src/board.ts': 'export function columns(line: string): number {\n  return line.split(",").filter((cell) => cell !== "").length;\n}\n' };
  const broken = { 'src/board.ts': 'export function columns(line: string): number {\n  return line.split(",");\n}\n' };

  it('passes an approve at or above the confidence threshold, quoting the verdict as given', async () => {
    workspace = gateWorkspace(project, sound);
    const context = gateContext(workspace);
    const record = await reviewGate.run(context);
    assert.equal(record.status, 'passed', record.evidence);
    assert.equal(record.title, 'Reviewer verdict');
    assert.equal(record.summary, 'approve, confidence 0.8 ≥ 0.7');
    assert.match(record.evidence, /^verdict: approve\nconfidence: 0\.8\nsummary: \[offline\] Offline checks only: every hunk applies to src\/board\.ts .*\nfindings: none$/);
    assert.deepEqual(context.agentRuns.map((run) => [run.agent, run.contract, run.payload]), [['reviewer', 'ChangeProposal', workspace.proposal]]);
  });

  it('fails an approve below the threshold', async () => {
    workspace = gateWorkspace(project, sound);
    const record = await reviewGate.run(gateContext(workspace, { settings: { reviewerMinConfidence: 0.85 } }));
    assert.equal(record.status, 'failed');
    assert.equal(record.summary, 'approve, confidence 0.8 < 0.85');
  });

  it('fails a request for changes, with the findings as the reviewer gave them', async () => {
    workspace = gateWorkspace(project, broken);
    const record = await reviewGate.run(gateContext(workspace));
    assert.equal(record.status, 'failed');
    assert.equal(record.summary, 'request_changes, confidence 0.9 ≥ 0.7');
    assert.match(record.evidence, /^verdict: request_changes\nconfidence: 0\.9\nsummary: \[offline\] The proposal for src\/board\.ts applies and introduces 1 new type error/);
    assert.match(record.evidence, /findings \(1\):\n- error src\/board\.ts:2 ts-2322: New type error after the change: Type 'string\[\]' is not assignable to type 'number'\./);
  });

  it('is an error, saying why, when the reviewer run ends without a verdict', async () => {
    workspace = gateWorkspace(project, sound);
    const record = await reviewGate.run(gateContext(workspace, { orchestrator: { limits: { maxSteps: 1 } } }));
    assert.equal(record.status, 'error');
    assert.equal(record.summary, 'the reviewer gave no verdict: its run ended stopped');
    assert.match(record.evidence, /^Run \S+ ended stopped \(reviewer, max_steps: .+\)\.$/);
  });

  it('is an error when the reviewer cannot start on the proposal', async () => {
    workspace = gateWorkspace(project, sound);
    const record = await reviewGate.run(gateContext(workspace, { proposal: { ...workspace.proposal, files: [] } }));
    assert.equal(record.status, 'error');
    assert.equal(record.summary, 'the reviewer could not run');
    assert.match(record.evidence, /files/);
  });

  it('rejects when cancelled', async () => {
    workspace = gateWorkspace(project, sound);
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the person'));
    await assert.rejects(reviewGate.run(gateContext(workspace, { signal: controller.signal })), /cancelled by the person/);
  });
});
