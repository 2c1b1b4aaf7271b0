import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { version } from '../../../package.json';
import { JsonlSpanProcessor, loadTrace } from '../../../src/core/trace/jsonl';
import { InMemorySpanProcessor } from '../../../src/core/trace/memory';
import { encodeOtlpTrace, sendOtlpTrace } from '../../../src/core/trace/otlp';
import { otelSpanId, otelTraceId } from '../../../src/core/trace/otlp/ids';
import { maxAttributeChars } from '../../../src/core/trace/otlp/otelSpans';
import { TraceRecorder } from '../../../src/core/trace/recorder';
import type { Span } from '../../../src/core/trace/spans';
import { attributesOf, decodeOtlpTraces, closedLoopbackPort, startOtlpReceiver, type OtlpReceiver, type OtlpSpan } from '../../support/otlpReceiver';
import { recordSampleRun, sampleRunId, steppingClock } from './sampleRun';

function sampleSpans(): Span[] {
  const memory = new InMemorySpanProcessor();
  recordSampleRun([memory]);
  return memory.spans;
}

/** The received span that came from Nova's span `id`. */
function byNovaId(spans: readonly OtlpSpan[], id: string): OtlpSpan {
  const found = spans.find((span) => attributesOf(span)['nova.span.id'] === id);
  assert.ok(found, `no exported span for Nova span ${id}`);
  return found;
}

function only<T extends Span['kind']>(spans: readonly Span[], kind: T, match: (span: Extract<Span, { kind: T }>) => boolean = () => true): Extract<Span, { kind: T }> {
  const found = spans.filter((span): span is Extract<Span, { kind: T }> => span.kind === kind && match(span as Extract<Span, { kind: T }>));
  assert.equal(found.length, 1, `one ${kind} span`);
  return found[0]!;
}

const nanos = (ms: number) => (BigInt(ms) * 1_000_000n).toString();


describe('OpenTelemetry export (OTLP/HTTP, GenAI semantic conventions)', function () {
  this.timeout(30_000);
  let receiver: OtlpReceiver;
  beforeEach(async () => (receiver = await startOtlpReceiver()));
  afterEach(() => receiver.close());

  it('sends a known run to an OTLP/HTTP receiver: one resource, one scope, every span with its parent and its recorded times', async () => {
    const spans = sampleSpans();
    await sendOtlpTrace(spans, receiver.endpoint);

    assert.equal(receiver.received.length, 1);
    const [request] = receiver.received;
    assert.equal(request!.path, '/v1/traces');
    assert.equal(request!.headers['content-type'], 'application/x-protobuf');
    assert.match(String(request!.headers['user-agent']), /^OTel-OTLP-Exporter-JavaScript\//, 'sent by the OpenTelemetry SDK exporter');

    const { resourceSpans } = request!.body;
    assert.equal(resourceSpans.length, 1);
    assert.deepEqual(attributesOf(resourceSpans[0]!.resource), { 'service.name': 'nova', 'service.version': version });
    assert.equal(resourceSpans[0]!.scopeSpans.length, 1);
    assert.deepEqual(pick({ ...resourceSpans[0]!.scopeSpans[0]!.scope }, 'name', 'version'), { name: 'nova', version });

    const received = resourceSpans[0]!.scopeSpans[0]!.spans;
    assert.equal(received.length, spans.length);
    assert.equal(received.length, 26, "every span kind of the sample run");
    const traceId = otelTraceId(sampleRunId);
    assert.match(traceId, /^[0-9a-f]{32}$/);
    assert.ok(received.every((span) => span.traceId === traceId), 'one trace for the run');
    assert.equal(new Set(received.map((span) => span.spanId)).size, spans.length, 'distinct span ids');
    for (const span of spans) {
      const otel = byNovaId(received, span.id);
      assert.match(otel.spanId, /^[0-9a-f]{16}$/);
      assert.equal(otel.spanId, otelSpanId(sampleRunId, span.id));
      if (span.parentId === null) assert.equal(otel.parentSpanId, undefined, 'the run span is the root');
      else assert.equal(otel.parentSpanId, byNovaId(received, span.parentId).spanId, `${span.kind} ${span.id}'s parent`);
      assert.equal(otel.startTimeUnixNano, nanos(span.startedAt), `${span.id} start, in ns from the recorded ms`);
      assert.equal(otel.endTimeUnixNano, nanos(span.endedAt), `${span.id} end`);
    }
    // The stepping clock starts at 1,700,000,000,000 ms: the run starts there, to the nanosecond.
    assert.equal(byNovaId(received, only(spans, 'run').id).startTimeUnixNano, '1700000000000000000');
  });

  it('names runs, agents, model calls and tool calls as the GenAI conventions do, with usage, and keeps Nova\'s own under nova.*', async () => {
    const spans = sampleSpans();
    await sendOtlpTrace(spans, receiver.endpoint);
    const received = receiver.spans();

    const run = byNovaId(received, only(spans, 'run').id);
    assert.equal(run.name, 'invoke_workflow nova');
    assert.deepEqual(pick(attributesOf(run), 'gen_ai.operation.name', 'nova.run.task', 'nova.run.entry_agent', 'nova.run.status'), {
      'gen_ai.operation.name': 'invoke_workflow', 'nova.run.task': 'Rename parseConfig to readConfig', 'nova.run.entry_agent': 'concierge', 'nova.run.status': 'escalated',
    });

    const concierge = byNovaId(received, only(spans, 'agent', (span) => span.agent === 'concierge').id);
    assert.equal(concierge.name, 'invoke_agent concierge');
    assert.equal(concierge.kind, 'SPAN_KIND_INTERNAL');
    assert.deepEqual(pick(attributesOf(concierge), 'gen_ai.operation.name', 'gen_ai.agent.name', 'nova.agent.accepted', 'nova.agent.outcome', 'nova.agent.returned'), {
      'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'concierge', 'nova.agent.accepted': 'UserRequest', 'nova.agent.outcome': 'handed_off', 'nova.agent.returned': 'RoutedTask',
    });

    const call = byNovaId(received, only(spans, 'model_call', (span) => span.agent === 'concierge').id);
    assert.equal(call.name, 'chat offline-1');
    assert.equal(call.kind, 'SPAN_KIND_CLIENT');
    assert.deepEqual(pick(attributesOf(call), 'gen_ai.operation.name', 'gen_ai.provider.name', 'gen_ai.request.model', 'gen_ai.agent.name', 'gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens',
      'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_creation.input_tokens', 'gen_ai.response.finish_reasons', 'nova.usage.uncached_input_tokens', 'nova.usage.cost_usd', 'nova.model.latency_ms'), {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'nova.offline',
      'gen_ai.request.model': 'offline-1',
      'gen_ai.agent.name': 'concierge',
      // The convention counts cached input in input_tokens; Anthropic's 1200 leaves out 900 read and 300 written.
      'gen_ai.usage.input_tokens': 2400,
      'gen_ai.usage.output_tokens': 180,
      'gen_ai.usage.cache_read.input_tokens': 900,
      'gen_ai.usage.cache_creation.input_tokens': 300,
      'gen_ai.response.finish_reasons': ['tool_use'],
      'nova.usage.uncached_input_tokens': 1200,
      'nova.usage.cost_usd': 0.0051,
      'nova.model.latency_ms': 420,
    });

    const search = byNovaId(received, only(spans, 'tool_call', (span) => span.tool === 'search').id);
    assert.equal(search.name, 'execute_tool search');
    assert.deepEqual(pick(attributesOf(search), 'gen_ai.operation.name', 'gen_ai.tool.name', 'gen_ai.tool.call.arguments', 'gen_ai.tool.call.result', 'nova.tool.status'), {
      'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search', 'gen_ai.tool.call.arguments': '{"query":"parseConfig","glob":"src/**/*.ts"}',
      'gen_ai.tool.call.result': 'src/config.ts:12\nsrc/cli.ts:40', 'nova.tool.status': 'ok',
    });
    assert.equal(statusOf(search), 'STATUS_CODE_UNSET');

    const handoff = byNovaId(received, only(spans, 'handoff', (span) => span.to === 'planner').id);
    assert.equal(handoff.name, 'handoff planner');
    assert.deepEqual(pick(attributesOf(handoff), 'nova.handoff.from', 'nova.handoff.to', 'nova.handoff.contract', 'nova.handoff.status', 'nova.handoff.payload_hash'), {
      'nova.handoff.from': 'concierge', 'nova.handoff.to': 'planner', 'nova.handoff.contract': 'RoutedTask', 'nova.handoff.status': 'delivered', 'nova.handoff.payload_hash': 'a1b2c3',
    });

    const decision = attributesOf(byNovaId(received, only(spans, 'decision').id));
    assert.equal(decision['nova.decision.owner'], 'reviewer');
    assert.equal(decision['nova.decision.settled_by'], 'escalated');
    assert.match(String(decision['nova.decision.dissent']), /security-reviewer.*public API/);
    assert.ok(Object.keys(decision).every((key) => /^(gen_ai|nova)\./.test(key)), `every attribute is gen_ai.* or nova.*: ${Object.keys(decision).join(', ')}`);
  });

  it('marks failures with status ERROR and error.type — a bounced validation, a refused handoff and tool, a governor stop — and an escalation as a problem that is not an error', async () => {
    const spans = sampleSpans();
    await sendOtlpTrace(spans, receiver.endpoint);
    const received = receiver.spans();

    const bounced = byNovaId(received, only(spans, 'validation', (span) => span.verdict === 'bounced').id);
    assert.equal(bounced.name, 'validate Plan');
    assert.equal(statusOf(bounced), 'STATUS_CODE_ERROR');
    assert.equal(bounced.status?.message, "planner's Plan result bounced back to it (attempt 1): steps[0].owner: Required (+1 more)");
    assert.deepEqual(pick(attributesOf(bounced), 'error.type', 'nova.validation.verdict', 'nova.validation.attempt', 'nova.validation.issues'), {
      'error.type': 'contract_bounced', 'nova.validation.verdict': 'bounced', 'nova.validation.attempt': 1, 'nova.validation.issues': ['steps[0].owner: Required', 'steps[1].summary: Too short'],
    });
    const accepted = byNovaId(received, only(spans, 'validation', (span) => span.contract === 'Plan' && span.verdict === 'accepted').id);
    assert.equal(statusOf(accepted), 'STATUS_CODE_UNSET');
    assert.equal(attributesOf(accepted)['error.type'], undefined);

    const refusedHandoff = byNovaId(received, only(spans, 'handoff', (span) => span.status === 'refused').id);
    assert.equal(statusOf(refusedHandoff), 'STATUS_CODE_ERROR');
    assert.equal(attributesOf(refusedHandoff)['error.type'], 'handoff_refused');
    const refusedTool = byNovaId(received, only(spans, 'tool_call', (span) => span.status === 'refused').id);
    assert.equal(statusOf(refusedTool), 'STATUS_CODE_ERROR');
    assert.equal(attributesOf(refusedTool)['error.type'], 'tool_refused');
    const stop = byNovaId(received, only(spans, 'governor_stop').id);
    assert.equal(stop.name, 'governor_stop ping_pong');
    assert.equal(statusOf(stop), 'STATUS_CODE_ERROR');
    assert.equal(attributesOf(stop)['error.type'], 'ping_pong');

    const escalation = byNovaId(received, only(spans, 'escalation').id);
    assert.equal(statusOf(escalation), 'STATUS_CODE_UNSET');
    assert.match(String(attributesOf(escalation)['nova.problem']), /^Escalated to you: Approve renaming/);
    assert.equal(received.filter((span) => statusOf(span) === 'STATUS_CODE_ERROR').length, 5, 'the bounce, the refused handoff, the bounced handoff, the refused tool, the stop');
  });

  it('encodes the same request the exporter sends, and the same bytes again for the trace reloaded from its file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'nova-otlp-'));
    try {
      const file = join(folder, `${sampleRunId}.jsonl`);
      const memory = new InMemorySpanProcessor();
      await recordSampleRun([memory, new JsonlSpanProcessor(file)]).flush();
      await sendOtlpTrace(memory.spans, receiver.endpoint);

      const encoded = encodeOtlpTrace(memory.spans);
      assert.deepEqual(decodeOtlpTraces(encoded), receiver.received[0]!.body);
      const reloaded = await loadTrace(file);
      assert.deepEqual(Buffer.from(encodeOtlpTrace(reloaded.spans)), Buffer.from(encoded), 're-export gives the same ids, times and attributes');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('cuts long payloads at the attribute cap and says so, and links an activation to its handoff and a rerun to the run it reran', async () => {
    const memory = new InMemorySpanProcessor();
    const trace = new TraceRecorder('20261124-160000-cafe01', [memory], { clock: steppingClock() });
    const run = trace.start('run', null, { task: 'Again', entryAgent: 'refactorer', status: 'completed', rerunOf: { runId: sampleRunId, spanId: 's17', edited: true } });
    const big = { summary: 'x'.repeat(20_000) };
    const handoff = trace.record('handoff', run.id, {
      agent: 'planner', from: 'planner', to: 'refactorer', contract: 'RefactorRequest', reason: 'Make it.', payloadHash: 'beef', status: 'delivered',
      payload: { bytes: JSON.stringify(big).length, value: big },
    });
    trace.start('agent', run.id, { agent: 'refactorer', accepted: 'RefactorRequest', outcome: 'submitted', from: 'planner', handoffSpanId: handoff.id }).end();
    trace.record('validation', run.id, {
      agent: 'refactorer', contract: 'ChangeProposal', direction: 'result', attempt: 1, verdict: 'accepted', issues: [],
      payload: { bytes: 3_000_000, preview: '{"summary":"Rename', inSideFile: true },
    });
    run.end();
    await sendOtlpTrace(memory.spans, receiver.endpoint);
    const received = receiver.spans();

    const payload = attributesOf(byNovaId(received, handoff.id));
    const text = String(payload['nova.handoff.payload']);
    assert.ok(text.length < maxAttributeChars + 100, `cut to the cap: ${text.length}`);
    assert.ok(text.startsWith('{"summary":"xxxx'));
    assert.match(text, /… \(\d+ more characters in Nova's trace file\)$/);
    assert.equal(payload['nova.handoff.payload_truncated'], true);
    assert.equal(payload['nova.handoff.payload_bytes'], JSON.stringify(big).length);
    const sideFile = attributesOf(byNovaId(received, only(memory.spans, 'validation').id));
    assert.deepEqual(pick(sideFile, 'nova.validation.payload', 'nova.validation.payload_bytes', 'nova.validation.payload_truncated'), {
      'nova.validation.payload': '{"summary":"Rename', 'nova.validation.payload_bytes': 3_000_000, 'nova.validation.payload_truncated': true,
    });

    const agent = byNovaId(received, only(memory.spans, 'agent').id);
    assert.deepEqual(agent.links?.map((link) => ({ traceId: link.traceId, spanId: link.spanId, ...attributesOf(link) })), [
      { traceId: otelTraceId('20261124-160000-cafe01'), spanId: byNovaId(received, handoff.id).spanId, 'nova.link': 'activated_by', 'nova.span.id': handoff.id },
    ]);
    const rerun = byNovaId(received, run.id);
    assert.deepEqual(rerun.links?.map((link) => ({ traceId: link.traceId, spanId: link.spanId })), [{ traceId: otelTraceId(sampleRunId), spanId: otelSpanId(sampleRunId, 's17') }]);
    assert.equal(attributesOf(rerun)['nova.rerun_of.edited'], true);
  });

  it('sends a large run in batches of requests', async () => {
    const memory = new InMemorySpanProcessor();
    const trace = new TraceRecorder('20261124-170000-b1b1b1', [memory], { clock: steppingClock() });
    const run = trace.start('run', null, { task: 'Many', entryAgent: 'concierge', status: 'completed' });
    for (let index = 0; index < 1_200; index++) trace.record('reasoning', run.id, { agent: 'concierge', source: 'text', text: `thought ${index}` });
    run.end();
    await sendOtlpTrace(memory.spans, receiver.endpoint);
    assert.equal(receiver.received.length, 3, '512 + 512 + 177 spans');
    assert.equal(receiver.spans().length, 1_201);
  });

  it('stops at once when cancelled, even while the endpoint has not answered', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as { port: number };
      const started = Date.now();
      await assert.rejects(sendOtlpTrace(sampleSpans(), `http://127.0.0.1:${port}/v1/traces`, { signal: AbortSignal.timeout(200) }), { name: 'TimeoutError' });
      assert.ok(Date.now() - started < 2_000, `cancelled within the abort, not the 10 s request timeout: ${Date.now() - started} ms`);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('says clearly when the endpoint refuses, is not there, or is not a URL', async () => {
    const spans = sampleSpans();
    const refusing = await startOtlpReceiver({ refuseWith: 401 });
    try {
      await assert.rejects(sendOtlpTrace(spans, refusing.endpoint), (error: Error) => {
        assert.equal(error.message, `${refusing.endpoint} refused the traces: HTTP 401 Unauthorized: missing credentials (does it need credentials? set OTEL_EXPORTER_OTLP_HEADERS, e.g. Authorization=Basic …).`);
        return true;
      });
    } finally {
      await refusing.close();
    }
    const wrongPath = receiver.endpoint.replace('/v1/traces', '/');
    await assert.rejects(sendOtlpTrace(spans, wrongPath), /refused the traces: HTTP 404 Not Found \(an OTLP\/HTTP traces endpoint usually ends in \/v1\/traces\)\.$/);

    const port = await closedLoopbackPort();
    const started = Date.now();
    await assert.rejects(sendOtlpTrace(spans, `http://127.0.0.1:${port}/v1/traces`, { timeoutMs: 1_500 }), new RegExp(`^Error: Cannot reach http://127\\.0\\.0\\.1:${port}/v1/traces: connect ECONNREFUSED 127\\.0\\.0\\.1:${port} \\(is the collector running, on that port\\?\\)\\.$`));
    assert.ok(Date.now() - started < 5_000, 'retries end with the timeout');

    await assert.rejects(sendOtlpTrace(spans, 'localhost:4318'), /"localhost:4318" is not an http\(s\) URL/);
    await assert.rejects(sendOtlpTrace(spans, 'not a url'), /"not a url" is not a URL: an OTLP\/HTTP endpoint looks like http:\/\/127\.0\.0\.1:4318\/v1\/traces/);
  });
});

/** proto3 leaves a default out of the wire: no code is UNSET. */
function statusOf(span: OtlpSpan): string {
  return span.status?.code ?? 'STATUS_CODE_UNSET';
}

function pick(record: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, record[key]]));
}
