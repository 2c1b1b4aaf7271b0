import * as assert from 'node:assert/strict';
import { InMemorySpanProcessor } from '../../../src/core/trace/memory';
import { liveOtlpProcessor } from '../../../src/core/trace/otlp';
import { TraceRecorder } from '../../../src/core/trace/recorder';
import { attributesOf, closedLoopbackPort, startOtlpReceiver, type OtlpReceiver } from '../../support/otlpReceiver';
import { recordSampleRun, sampleRunId } from './sampleRun';


describe('live OpenTelemetry export (a SpanProcessor)', function () {
  this.timeout(30_000);
  let receiver: OtlpReceiver;
  beforeEach(async () => (receiver = await startOtlpReceiver()));
  afterEach(() => receiver.close());

  it('sends spans while the run goes on, and the rest when it ends', async () => {
    const trace = new TraceRecorder('20261124-180000-11ve01', [liveOtlpProcessor(receiver.endpoint, { delayMs: 10 })]);
    const run = trace.start('run', null, { task: 'Live', entryAgent: 'concierge', status: 'completed' });
    const agent = trace.start('agent', run.id, { agent: 'concierge', accepted: 'UserRequest', outcome: 'submitted' });
    trace.record('reasoning', agent.id, { agent: 'concierge', source: 'thinking', text: 'First, look.' });
    trace.record('tool_call', agent.id, { agent: 'concierge', tool: 'search', input: { query: 'x' }, status: 'ok', output: 'none' });

    // The run is still going (its agent and run spans are open): the two ended spans arrive anyway.
    const early = await receiver.waitForSpans(2);
    assert.deepEqual(early.map((span) => span.name).sort(), ['execute_tool search', 'reasoning concierge']);
    assert.equal(receiver.spans().length, 2, 'nothing else has ended');

    agent.end();
    run.end();
    await trace.flush();
    assert.deepEqual(trace.processorErrors, []);
    const all = receiver.spans();
    assert.deepEqual(all.map((span) => span.name), ['reasoning concierge', 'execute_tool search', 'invoke_agent concierge', 'invoke_workflow nova']);
    const root = all.find((span) => span.name === 'invoke_workflow nova');
    assert.equal(all.find((span) => span.name === 'invoke_agent concierge')?.parentSpanId, root?.spanId);
  });

  it('sends the whole sample run, in batches, with the same ids as the file export', async () => {
    const memory = new InMemorySpanProcessor();
    const trace = recordSampleRun([memory, liveOtlpProcessor(receiver.endpoint, { batchSize: 10 })]);
    await trace.flush();
    assert.deepEqual(trace.processorErrors, []);
    assert.equal(receiver.spans().length, memory.spans.length);
    assert.ok(receiver.received.length >= 3, `batches of 10: ${receiver.received.length} requests`);
    assert.deepEqual(receiver.spans().map((span) => attributesOf(span)['nova.span.id']), memory.spans.map((span) => span.id), 'in the order they ended');
    assert.ok(receiver.spans().every((span) => attributesOf(span)['nova.run.id'] === sampleRunId));
  });

  it('never breaks a run: an endpoint that is down is reported through processorErrors, every other processor has the whole run', async () => {
    const port = await closedLoopbackPort();
    const memory = new InMemorySpanProcessor();
    const started = Date.now();
    const trace = recordSampleRun([liveOtlpProcessor(`http://127.0.0.1:${port}/v1/traces`, { timeoutMs: 1_000, delayMs: 5 }), memory]);
    assert.equal(memory.spans.length, 26, 'the run recorded every span');
    await assert.rejects(trace.flush(), /^Error: The live OpenTelemetry export stopped: Cannot reach http:\/\/127\.0\.0\.1:\d+\/v1\/traces: connect ECONNREFUSED .* 26 of 26 spans were not sent\.$/);
    assert.ok(Date.now() - started < 5_000, `the run's end waited one timeout at most, not one per batch: ${Date.now() - started} ms`);
    const [failure] = trace.processorErrors;
    assert.equal(trace.processorErrors.length, 1);
    assert.equal(failure?.phase, 'flush');
  });

  it('refuses an endpoint that is not an http(s) URL when the run starts, not halfway', () => {
    assert.throws(() => liveOtlpProcessor('grpc://127.0.0.1:4317'), /"grpc:\/\/127\.0\.0\.1:4317" is not an http\(s\) URL/);
  });
});
