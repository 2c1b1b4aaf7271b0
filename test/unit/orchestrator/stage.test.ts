import * as assert from 'node:assert/strict';
import { RerunRefused } from '../../../src/core/orchestrator/rerun';
import { InMemorySpanProcessor } from '../../../src/core/trace/memory';
import { TraceRecorder } from '../../../src/core/trace/recorder';
import { call, ScriptedModel } from '../../support/scriptedModel';
import { teamOrchestrator, tempWorkspace } from '../../support/team';

// A stage of a larger run (the improve loop's reporter): started at a named agent with a payload
// checked like a handoff, and recorded inside the larger run's trace under the span it is given.
describe('an orchestrator run as a stage of another run', () => {
  const report = { title: 'Tidy', whatChanged: [{ path: 'src/a.ts', summary: 'one import fewer' }], why: 'An unused import went.', gates: [], risks: [] };
  const request = { task: 'Improve: tidy' };

  it('starts at the agent with the payload, records under the given span in the given recorder, with no run span or run events of its own', async () => {
    const workspace = await tempWorkspace({ 'src/a.ts': 'export const a = 1;\n' });
    try {
      const model = new ScriptedModel({ reporter: [call.submit('ChangeReport', report)] });
      const { orchestrator, spans: ownSpans } = await teamOrchestrator(model, workspace.folder);
      const outer = new InMemorySpanProcessor();
      const recorder = new TraceRecorder('outer-run', [outer]);
      const phase = recorder.start('improve_phase', null, { phase: 'report', status: 'ok' });
      const events: string[] = [];
      orchestrator.events.on((event) => events.push(event.type));

      const result = await orchestrator.run({ text: 'Report on: tidy', stage: { agent: 'reporter', contract: 'ReportRequest', payload: request, reason: 'report stage' } }, { within: { recorder, parentSpanId: phase.id } });
      phase.end();

      assert.equal(result.status, 'completed');
      assert.equal(result.runId, 'outer-run');
      assert.deepEqual(result.result?.payload, report);
      assert.deepEqual(ownSpans.spans, [], 'the orchestrator\'s own processors get nothing: the recorder\'s owner has the trace');
      assert.ok(!outer.spans.some((span) => span.kind === 'run'));
      const agent = outer.spans.find((span) => span.kind === 'agent');
      assert.equal(agent?.parentId, phase.id);
      assert.equal(agent?.kind === 'agent' && agent.from, 'nova');
      assert.ok(!events.includes('run_start') && !events.includes('run_end'));
    } finally {
      await workspace.cleanup();
    }
  });

  it('refuses a payload the contract rejects, an agent not in the team, and a stage mixed with an addressed agent', async () => {
    const workspace = await tempWorkspace();
    try {
      const { orchestrator } = await teamOrchestrator(new ScriptedModel({}), workspace.folder);
      await assert.rejects(orchestrator.run({ text: 'x', stage: { agent: 'reporter', contract: 'ReportRequest', payload: { task: '' }, reason: 'r' } }), (error: unknown) => error instanceof RerunRefused && /payload\.task/.test(error.message));
      await assert.rejects(orchestrator.run({ text: 'x', stage: { agent: 'nobody', contract: 'ReportRequest', payload: request, reason: 'r' } }), /not in the team/);
      await assert.rejects(orchestrator.run({ text: 'x', agent: 'reviewer', stage: { agent: 'reporter', contract: 'ReportRequest', payload: request, reason: 'r' } }), /takes no agent/);
    } finally {
      await workspace.cleanup();
    }
  });
});
