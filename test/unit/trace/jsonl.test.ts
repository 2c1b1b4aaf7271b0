import * as assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlSpanProcessor, loadTrace, traceFilePath } from '../../../src/core/trace/jsonl';
import { InMemorySpanProcessor } from '../../../src/core/trace/memory';
import { TraceRecorder } from '../../../src/core/trace/recorder';
import { buildRunTree, type RunTree, type SpanNode } from '../../../src/core/trace/tree';
import { recordSampleRun, sampleRunId } from './sampleRun';

/** The tree as plain data, so two trees compare by content. */
function serialiseTree(tree: RunTree): unknown {
  const node = (n: SpanNode): unknown => ({ span: n.span, children: n.children.map(node) });
  return { root: tree.root && node(tree.root), orphans: tree.orphans.map(node), ids: [...tree.nodes.keys()].sort() };
}

describe('JSONL trace store', () => {
  let workspace: string;
  beforeEach(async () => (workspace = await mkdtemp(join(tmpdir(), 'nova-trace-'))));
  afterEach(() => rm(workspace, { recursive: true, force: true }));

  it('stores a run under .nova/traces and reloads the same spans and the same tree', async () => {
    const file = traceFilePath(workspace, sampleRunId);
    assert.equal(file, join(workspace, '.nova', 'traces', `${sampleRunId}.jsonl`));
    const memory = new InMemorySpanProcessor();
    const trace = recordSampleRun([memory, new JsonlSpanProcessor(file)]);
    await trace.flush();

    const loaded = await loadTrace(file);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.runId, sampleRunId);
    assert.deepEqual(loaded.spans, memory.spans);
    assert.deepEqual(serialiseTree(loaded.tree), serialiseTree(buildRunTree(memory.spans)));
    assert.deepEqual(loaded.tree.root?.children.map((n) => n.span.agent), ['concierge', 'planner', 'refactorer', 'reviewer']);
    assert.equal(new Set(memory.spans.map((s) => s.kind)).size, 11, 'the sample run has every kind of span');
    assert.equal((await readFile(file, 'utf8')).split('\n').length, memory.spans.length + 1);
  });

  it('reports a line cut off mid-write and loads the rest', async () => {
    const file = traceFilePath(workspace, sampleRunId);
    const memory = new InMemorySpanProcessor();
    await recordSampleRun([memory, new JsonlSpanProcessor(file)]).flush();
    await appendFile(file, '{"runId":"20261124-153012-ab12cd","id":"s99","kind":"tu');

    const loaded = await loadTrace(file);
    assert.deepEqual(loaded.spans, memory.spans);
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0]?.line, memory.spans.length + 1);
    assert.match(loaded.problems[0]?.message ?? '', /incomplete last line/);
  });

  it('skips and reports lines that are not spans of this run', async () => {
    const file = join(workspace, 'damaged.jsonl');
    const good = (id: string) => JSON.stringify({ runId: 'r', id, parentId: null, kind: 'turn', startedAt: 1, endedAt: 2, agent: 'a', index: 0 });
    await writeFile(file, [
      good('s1'),
      'not json',
      JSON.stringify({ runId: 'r', kind: 'turn' }),
      JSON.stringify({ runId: 'r', id: 's3', parentId: null, kind: 'telepathy', startedAt: 1, endedAt: 2 }),
      JSON.stringify({ runId: 'other', id: 's4', parentId: null, kind: 'turn', startedAt: 1, endedAt: 2 }),
      good('s1'),
      '',
      good('s5'),
      '',
    ].join('\r\n'));
    const loaded = await loadTrace(file);
    assert.deepEqual(loaded.spans.map((s) => s.id), ['s1', 's5']);
    assert.deepEqual(loaded.problems.map((p) => p.line), [2, 3, 4, 5, 6]);
    assert.match(loaded.problems[0]?.message ?? '', /not JSON/);
    assert.match(loaded.problems[2]?.message ?? '', /telepathy/);
    assert.match(loaded.problems[3]?.message ?? '', /belongs to run "other"/);
    assert.match(loaded.problems[4]?.message ?? '', /repeats span id "s1"/);
    assert.deepEqual(loaded.tree.orphans.map((n) => n.span.id), ['s1', 's5']);
  });

  it('names an empty trace after its file', async () => {
    const file = join(workspace, '20260101-000000-000000.jsonl');
    await writeFile(file, '');
    const loaded = await loadTrace(file);
    assert.equal(loaded.runId, '20260101-000000-000000');
    assert.deepEqual(loaded.spans, []);
    assert.equal(loaded.tree.root, undefined);
  });

  it('writes thousands of spans in order, and everything is on disk after flush', async () => {
    const file = traceFilePath(workspace, 'many');
    const trace = new TraceRecorder('many', [new JsonlSpanProcessor(file)]);
    const run = trace.start('run', null, { task: 'x'.repeat(100), entryAgent: 'concierge', status: 'completed' });
    for (let index = 0; index < 3000; index++) {
      trace.record('reasoning', run.id, { agent: 'planner', source: 'text', text: `step ${index}: ${'thinking '.repeat(20)}` });
    }
    run.end();
    await trace.flush();
    const loaded = await loadTrace(file);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.spans.length, 3001);
    assert.deepEqual(loaded.spans.slice(0, 3).map((s) => s.id), ['s2', 's3', 's4']);
    assert.equal(loaded.tree.root?.children.length, 3000);
  });

  it('writes each span through as it ends: the file holds every ended span before any flush', async () => {
    const file = traceFilePath(workspace, 'through');
    const trace = new TraceRecorder('through', [new JsonlSpanProcessor(file)]);
    const run = trace.start('run', null, { task: 't', entryAgent: 'concierge', status: 'stopped' });
    const agent = trace.start('agent', run.id, { agent: 'planner', accepted: 'RoutedTask', outcome: 'handed_off' });
    trace.record('reasoning', agent.id, { agent: 'planner', source: 'text', text: 'first' });
    assert.deepEqual((await loadTrace(file)).spans.map((s) => s.id), ['s3'], 'the ended span, and not the open ones');
    agent.end();
    const loaded = await loadTrace(file);
    assert.deepEqual(loaded.spans.map((s) => s.id), ['s3', 's2']);
    assert.deepEqual(loaded.problems, []);
    run.end();
    await trace.flush();
    assert.equal((await loadTrace(file)).spans.length, 3);
  });

  it('surfaces a failed write from flush and writes the kept spans once it can', async () => {
    const blocked = join(workspace, 'blocked');
    await writeFile(blocked, 'a file where the traces folder should be');
    const file = join(blocked, 'traces', 'r.jsonl');
    const jsonl = new JsonlSpanProcessor(file);
    const trace = new TraceRecorder('r', [jsonl]);
    trace.record('turn', null, { agent: 'a', index: 0 });
    await assert.rejects(trace.flush(), /ENOTDIR|EEXIST/);
    assert.equal(trace.processorErrors[0]?.phase, 'flush');

    trace.record('turn', null, { agent: 'a', index: 1 });
    await rm(blocked);
    await mkdir(blocked);
    await jsonl.flush();
    const loaded = await loadTrace(file);
    assert.deepEqual(loaded.spans.map((s) => s.id), ['s1', 's2']);
  });

  it('writes a tool input JSON cannot express instead of dropping the span', async () => {
    const file = traceFilePath(workspace, 'odd');
    const input: Record<string, unknown> = { size: 10n };
    input.self = input;
    const trace = new TraceRecorder('odd', [new JsonlSpanProcessor(file)]);
    trace.record('tool_call', null, { agent: 'a', tool: 'read_file', input, status: 'ok', output: '' });
    await trace.flush();
    const [span] = (await loadTrace(file)).spans;
    assert.deepEqual(span?.kind === 'tool_call' && span.input, { size: '10', self: '[Circular]' });
  });

  it('refuses a run id that would leave the traces folder', () => {
    assert.throws(() => traceFilePath(workspace, '../../etc/passwd'), /not a valid run id/);
    assert.throws(() => traceFilePath(workspace, 'a/b'), /not a valid run id/);
    assert.throws(() => traceFilePath(workspace, 'a..b'), /not a valid run id/);
  });
});
