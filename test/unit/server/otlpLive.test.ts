/**
 * The person's live OpenTelemetry export, through the server as the extension drives it: the
 * endpoint arrives in nova/session.configure (from the user-scope setting), and every run's spans
 * reach it as they end — the same spans as the run's trace file. A loopback receiver stands in for
 * Jaeger; an endpoint that is down is reported with the run, and the run still completes.
 */
import * as assert from 'node:assert/strict';
import { loadTrace, traceFilePath } from '../../../src/core/trace/jsonl';
import { otelTraceId } from '../../../src/core/trace/otlp/ids';
import { novaErrorCodes, type ParamsOf } from '../../../src/protocol/message';
import { runEnded, runStart } from '../../../src/protocol/run';
import { sessionConfigure } from '../../../src/protocol/session';
import { attributesOf, closedLoopbackPort, startOtlpReceiver, type OtlpReceiver } from '../../support/otlpReceiver';
import { rejection, startOnSample, type SampleSession } from './sampleServer';

type Ended = ParamsOf<typeof runEnded>;

const task = '/refactor remove unused imports in src/report.ts';

describe('Nova server: live OpenTelemetry export', function () {
  this.timeout(60_000);
  let session: SampleSession;
  let receiver: OtlpReceiver;
  before(async () => {
    session = await startOnSample();
    receiver = await startOtlpReceiver();
  });
  after(async () => {
    await session?.close();
    await receiver?.close();
  });

  async function run(): Promise<Ended> {
    const { runId } = await session.server.request(runStart, { task });
    return (await session.server.waitFor(runEnded.method, (params) => (params as Ended).runId === runId)) as Ended;
  }

  it('sends every span of a run to the configured endpoint, the same spans its trace file holds', async () => {
    await session.server.request(sessionConfigure, { provider: 'offline', trusted: true, commandAllowlist: [], otlpEndpoint: receiver.endpoint });
    const ended = await run();
    assert.equal(ended.result.status, 'completed');
    assert.deepEqual(ended.result.traceProblems, []);
    const file = await loadTrace(traceFilePath(session.folder, ended.result.runId));
    const spans = await receiver.waitForSpans(file.spans.length);
    assert.equal(spans.length, file.spans.length);
    assert.ok(spans.every((span) => span.traceId === otelTraceId(ended.result.runId)));
    assert.deepEqual(spans.map((span) => attributesOf(span)['nova.span.id']).sort(), file.spans.map((span) => span.id).sort());
    assert.ok(spans.some((span) => span.name === 'invoke_agent typescript-specialist'));
    assert.ok(spans.some((span) => span.name.startsWith('chat ')));
  });

  it('sends nothing once the endpoint is unset', async () => {
    await session.server.request(sessionConfigure, { provider: 'offline', trusted: true, commandAllowlist: [] });
    const before = receiver.spans().length;
    const ended = await run();
    assert.equal(ended.result.status, 'completed');
    assert.equal(receiver.spans().length, before);
  });

  it('reports an endpoint that is down with the run, which completes all the same', async () => {
    const port = await closedLoopbackPort();
    await session.server.request(sessionConfigure, { provider: 'offline', trusted: true, commandAllowlist: [], otlpEndpoint: `http://127.0.0.1:${port}/v1/traces` });
    const ended = await run();
    assert.equal(ended.result.status, 'completed');
    assert.equal(ended.result.traceProblems.length, 1, ended.result.traceProblems.join('\n'));
    assert.match(ended.result.traceProblems[0]!, /The live OpenTelemetry export stopped: Cannot reach http:\/\/127\.0\.0\.1:\d+\/v1\/traces: connect ECONNREFUSED .* \d+ of \d+ spans were not sent\./);
  });

  it('refuses an endpoint that is not an http(s) URL', async () => {
    const error = await rejection(session.server.request(sessionConfigure, { provider: 'offline', trusted: true, commandAllowlist: [], otlpEndpoint: 'file:///etc/passwd' }));
    assert.equal(error.code, novaErrorCodes.invalidParams);
    assert.match(error.message, /otlpEndpoint/);
  });
});

