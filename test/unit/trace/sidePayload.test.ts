/**
 * Payloads in the trace file: inline up to the cap, beyond it in a side file the line names by size
 * and preview; written so that a kill at any moment leaves a consistent trace; read back only from
 * inside the traces folder; scrubbed of secrets like the rest of the trace. Traces written before
 * payloads were kept still load.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { traceShowCommand } from '../../../src/cli/traceCommand';
import { TerminalOutput } from '../../../src/cli/terminalOutput';
import { rerunStart } from '../../../src/core/orchestrator/rerun';
import { registerSecret } from '../../../src/core/secretScrub';
import { JsonlSpanProcessor, loadTrace, traceFilePath } from '../../../src/core/trace/jsonl';
import { InMemorySpanProcessor } from '../../../src/core/trace/memory';
import { TraceRecorder } from '../../../src/core/trace/recorder';
import { describeProblems } from '../../../src/core/trace/rollup';
import { listTracedRuns } from '../../../src/core/trace/runSummary';
import { loadSidePayload } from '../../../src/core/trace/sidePayload';
import type { HandoffSpan, ValidationSpan } from '../../../src/core/trace/spans';
import { payloadInlineCap, payloadPreviewChars, sidePayloadFile, tracedPayload } from '../../../src/core/trace/tracedPayload';
import { repoRoot } from '../../../tools/paths';

const runId = '20261201-120000-aa11bb';

/** A ChangeProposal-like payload of about `bytes` bytes of JSON. */
function bigPayload(bytes: number): { summary: string; files: { path: string; text: string }[] } {
  return { summary: 'rewrite the module', files: [{ path: 'src/big.ts', text: 'x'.repeat(bytes) }] };
}

/** Records a run with one small and one big handoff and a big bounced result, through `processors`. */
function recordRun(processors: ConstructorParameters<typeof TraceRecorder>[1], big = bigPayload(40_000)): TraceRecorder {
  const trace = new TraceRecorder(runId, processors);
  const run = trace.start('run', null, { task: 'rewrite', entryAgent: 'planner', status: 'completed' });
  const agent = trace.start('agent', run.id, { agent: 'planner', accepted: 'RoutedTask', outcome: 'handed_off', from: 'person' });
  trace.record('handoff', agent.id, { agent: 'planner', from: 'planner', to: 'refactorer', contract: 'RefactorRequest', reason: 'small', payloadHash: 'a', status: 'delivered', payload: tracedPayload({ goal: 'small' }) });
  trace.record('handoff', agent.id, { agent: 'planner', from: 'planner', to: 'reviewer', contract: 'ChangeProposal', reason: 'big', payloadHash: 'b', status: 'delivered', payload: tracedPayload(big) });
  trace.record('validation', agent.id, { agent: 'planner', contract: 'Plan', direction: 'result', attempt: 1, verdict: 'bounced', issues: ['steps: required'], payload: tracedPayload(big) });
  agent.end();
  run.end();
  return trace;
}

describe('trace payloads: the cap and the side file', () => {
  let folder: string;
  let file: string;
  beforeEach(async () => {
    folder = await realpath(await mkdtemp(join(tmpdir(), 'nova-payloads-')));
    file = traceFilePath(folder, runId);
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('keeps a payload under the cap inline and moves a bigger one to its side file, leaving size and preview in the line', async () => {
    const memory = new InMemorySpanProcessor();
    const big = bigPayload(40_000);
    await recordRun([memory, new JsonlSpanProcessor(file)], big).flush();

    const loaded = await loadTrace(file);
    assert.deepEqual(loaded.problems, []);
    const [small, large] = loaded.spans.filter((span): span is HandoffSpan => span.kind === 'handoff');
    assert.deepEqual(small?.payload, { bytes: 16, value: { goal: 'small' } });
    const json = JSON.stringify(big);
    assert.deepEqual(large?.payload, { bytes: Buffer.byteLength(json), preview: json.slice(0, payloadPreviewChars), inSideFile: true });
    const bounced = loaded.spans.find((span): span is ValidationSpan => span.kind === 'validation');
    assert.equal(bounced?.payload?.inSideFile, true, 'a result’s payload is capped too');
    // Every line stays small; the side files hold the payloads whole.
    for (const line of (await readFile(file, 'utf8')).trim().split('\n')) assert.ok(Buffer.byteLength(line) < payloadInlineCap, `${line.length} bytes`);
    assert.deepEqual((await readdir(join(folder, '.nova', 'traces', `${runId}.payloads`))).sort(), [`${large?.id}.json`, `${bounced?.id}.json`].sort());
    assert.deepEqual(await loadSidePayload(folder, runId, large?.id ?? ''), big);
    // Live views (the in-memory processor, the server's run.span) still get the whole payload.
    const live = memory.spans.find((span): span is HandoffSpan => span.kind === 'handoff' && span.id === large?.id);
    assert.deepEqual(live?.payload?.value, big);
  });

  it('keeps a payload of exactly the cap inline; one byte more goes to the side file', async () => {
    const overhead = Buffer.byteLength(JSON.stringify(bigPayload(0)));
    const atCap = bigPayload(payloadInlineCap - overhead);
    const overCap = bigPayload(payloadInlineCap - overhead + 1);
    const trace = new TraceRecorder(runId, [new JsonlSpanProcessor(file)]);
    trace.record('handoff', null, { from: 'a', to: 'b', contract: 'C', reason: 'r', payloadHash: 'h', status: 'delivered', payload: tracedPayload(atCap) });
    trace.record('handoff', null, { from: 'a', to: 'b', contract: 'C', reason: 'r', payloadHash: 'h', status: 'delivered', payload: tracedPayload(overCap) });
    await trace.flush();
    const [first, second] = (await loadTrace(file)).spans as HandoffSpan[];
    assert.deepEqual(first?.payload, { bytes: payloadInlineCap, value: atCap });
    assert.equal(second?.payload?.inSideFile, true);
    assert.equal(second?.payload?.bytes, payloadInlineCap + 1);
  });

  it('writes the side file before the line: a kill between the two leaves a trace that loads, and a cut-off line is reported', async () => {
    // The JSONL store writes synchronously, so a "kill" is simply: stop, and append half a line.
    const trace = recordRun([new JsonlSpanProcessor(file)]);
    await trace.flush();
    const sideFolder = join(folder, '.nova', 'traces', `${runId}.payloads`);
    // A side file whose line never made it (killed after the side file, before the line).
    await writeFile(join(sideFolder, 's77.json'), JSON.stringify(bigPayload(20_000)));
    await appendFile(file, '{"runId":"20261201-120000-aa11bb","id":"s78","parentId":"s2","kind":"handoff","payload":{"bytes":2');

    const loaded = await loadTrace(file);
    assert.equal(loaded.spans.length, 5);
    assert.deepEqual(loaded.problems.map((problem) => problem.message.split(' (')[0]), ['incomplete last line, probably cut off while it was written']);
    for (const span of loaded.spans) if (span.kind === 'handoff' && span.payload?.inSideFile) assert.ok(existsSync(sidePayloadFile(file, span.id)), `${span.id}'s side file`);
  });

  it('a side file that cannot be written keeps the payload inline: bigger, nothing lost', async () => {
    await mkdir(join(folder, '.nova', 'traces'), { recursive: true });
    await writeFile(join(folder, '.nova', 'traces', `${runId}.payloads`), 'a file where the folder would go');
    const big = bigPayload(30_000);
    await recordRun([new JsonlSpanProcessor(file)], big).flush();
    const large = (await loadTrace(file)).spans.find((span): span is HandoffSpan => span.kind === 'handoff' && span.reason === 'big');
    assert.deepEqual(large?.payload?.value, big);
  });

  it('reads a side file only by checked ids and only from inside the traces folder', async () => {
    await recordRun([new JsonlSpanProcessor(file)]).flush();
    await assert.rejects(loadSidePayload(folder, '../x', 's3'), /not a valid run id/);
    await assert.rejects(loadSidePayload(folder, runId, '../../secret'), /not a valid span id/);
    await assert.rejects(loadSidePayload(folder, runId, '..'), /not a valid span id/);
    await assert.rejects(loadSidePayload(folder, runId, 's1'), /has no payload file/);
    // A link planted in the side folder that leads out of the workspace's traces is not followed.
    const outside = join(folder, 'outside.json');
    await writeFile(outside, '{"stolen":true}');
    await symlink(outside, join(folder, '.nova', 'traces', `${runId}.payloads`, 's50.json'));
    await assert.rejects(loadSidePayload(folder, runId, 's50'), /leads out of the traces folder/);
    await writeFile(join(folder, '.nova', 'traces', `${runId}.payloads`, 's51.json'), '{"cut');
    await assert.rejects(loadSidePayload(folder, runId, 's51'), /is damaged/);
  });

  it('scrubs registered secrets from payloads, in the line and in the side file', async () => {
    const secret = 'sk-ant-payload-test-0123456789abcdef';
    registerSecret(secret);
    const big = { note: `the key is ${secret}`, text: 'y'.repeat(30_000) };
    const trace = new TraceRecorder(runId, [new JsonlSpanProcessor(file)]);
    trace.record('handoff', null, { from: 'a', to: 'b', contract: 'C', reason: 'r', payloadHash: 'h', status: 'delivered', payload: tracedPayload({ key: secret }) });
    trace.record('handoff', null, { from: 'a', to: 'b', contract: 'C', reason: 'r', payloadHash: 'h', status: 'bounced', payload: tracedPayload(big), issues: [`echoed ${secret}`] });
    await trace.flush();
    const lines = await readFile(file, 'utf8');
    const side = await readFile(sidePayloadFile(file, 's2'), 'utf8');
    assert.ok(!lines.includes(secret) && !side.includes(secret), 'the key reached the trace');
    assert.match(lines, /"key":"\[redacted\]"/);
    assert.match(side, /the key is \[redacted\]/);
  });
});

describe('trace payloads: nova trace show', () => {
  let folder: string;
  beforeEach(async () => (folder = await realpath(await mkdtemp(join(tmpdir(), 'nova-payload-show-')))));
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('prints an inline payload pretty, a side-filed one by its preview and file, and each issue of a bounce', async () => {
    const file = traceFilePath(folder, runId);
    const trace = recordRun([new JsonlSpanProcessor(file)]);
    trace.record('handoff', null, { from: 'planner', to: 'reviewer', contract: 'ChangeProposal', reason: 'r', payloadHash: 'h', status: 'bounced', payload: tracedPayload({ summary: 's' }), issues: ['payload.rationale: required', 'payload.files: required'] });
    await trace.flush();
    const shown = await show(file);
    assert.match(shown, /handoff planner → refactorer \(RefactorRequest\) delivered\n {8}payload \(16 bytes\):\n {10}\{\n {12}"goal": "small"\n {10}\}\n/);
    assert.match(shown, new RegExp(`handoff planner → reviewer \\(ChangeProposal\\) delivered\\n {8}payload \\(39\\.1 KiB, over the trace's cap; the whole of it is in \\S*${runId}\\.payloads/s4\\.json\\):\\n {10}\\{"summary":"rewrite the module"`));
    assert.match(shown, /validation of Plan \(result, attempt 1\): bounced — steps: required\n {8}submitted \(39\.1 KiB/);
    assert.match(shown, /✗ handoff planner → reviewer \(ChangeProposal\) bounced[^\n]*\n {6}✗ payload\.rationale: required\n {6}✗ payload\.files: required\n {6}payload as sent \(15 bytes\):/);
  });

  it('shows a damaged or foreign payload field as nothing, and a rerun from it is refused clearly', async () => {
    const file = join(folder, 'foreign.jsonl');
    const base = { runId, parentId: null, startedAt: 1, endedAt: 2, kind: 'handoff', from: 'a', to: 'planner', contract: 'RoutedTask', reason: 'r', payloadHash: 'h', status: 'delivered' };
    await writeFile(file, [JSON.stringify({ ...base, id: 's1', payload: 'not an object', issues: 'nor a list' }), JSON.stringify({ ...base, id: 's2', payload: { bytes: 'many', inSideFile: true } })].join('\n') + '\n');
    const shown = await show(file);
    assert.match(shown, /handoff a → planner \(RoutedTask\) delivered\n {6}payload: nothing\n/);
    assert.match(shown, /payload \(size unknown, over the trace's cap; the whole of it is in /);
    const { spans } = await loadTrace(file);
    await assert.rejects(rerunStart(spans, { runId, spanId: 's1' }, () => Promise.reject(new Error('no side file'))), /recorded before Nova kept payloads/);
  });
});

/** What `nova trace show FILE` prints. */
async function show(file: string): Promise<string> {
  const chunks: string[] = [];
  const target = { write: (chunk: string) => (chunks.push(String(chunk)), true), on: () => target } as unknown as NodeJS.WritableStream;
  assert.equal(await traceShowCommand(file, new TerminalOutput(target)), 0);
  return chunks.join('');
}

describe('trace payloads: traces written before payloads were kept', () => {
  const fixture = join(repoRoot, 'test', 'fixtures', 'traces', '20261120-101500-0a1b2c.jsonl');

  it('load, list and show as before: no payload fields, no problems with the file, the bounce still counted', async () => {
    const loaded = await loadTrace(fixture);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.tree.root?.span.kind, 'run');
    assert.deepEqual(loaded.tree.orphans, []);
    assert.ok(loaded.spans.every((span) => !('payload' in span) && !('from' in span && span.kind === 'agent')));
    assert.deepEqual(describeProblems(loaded.spans).map((problem) => problem.kind), ['handoff', 'validation']);

    const folder = await realpath(await mkdtemp(join(tmpdir(), 'nova-old-trace-')));
    try {
      await mkdir(join(folder, '.nova', 'traces'), { recursive: true });
      await writeFile(traceFilePath(folder, loaded.runId), await readFile(fixture));
      const [listed] = await listTracedRuns(folder, 10);
      assert.deepEqual([listed?.runId, listed?.status, listed?.problems, listed?.rerunOf], [loaded.runId, 'completed', 2, undefined]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }

    const shown = await show(fixture);
    assert.match(shown, /handoff concierge → planner \(RoutedTask\) delivered/);
    assert.match(shown, /concierge \(received UserRequest\) → handed off RoutedTask/, 'an agent with no recorded sender reads as before');
    assert.doesNotMatch(shown, /payload \(/, 'no payload is invented');
  });

  it('cannot be rerun from without a payload, and can with one', async () => {
    const loaded = await loadTrace(fixture);
    const handoff = loaded.spans.find((span): span is HandoffSpan => span.kind === 'handoff' && span.status === 'delivered' && span.to === 'planner');
    assert.ok(handoff);
    const none = () => Promise.reject(new Error('no side file'));
    await assert.rejects(rerunStart(loaded.spans, { runId: loaded.runId, spanId: handoff.id }, none), /recorded before Nova kept payloads/);
    const payload = { intent: 'refactor', summary: 'remove unused imports in src/report.ts', scope: ['src/report.ts'], constraints: [] };
    const start = await rerunStart(loaded.spans, { runId: loaded.runId, spanId: handoff.id, payload }, none);
    assert.deepEqual([start.agent, start.from, start.rerunOf.edited], ['planner', 'concierge', false], 'the same payload as recorded (by hash) is no edit');
  });
});
