/**
 * The trace panel's extension-side parts without VS Code: the hunks each span produced, live spans
 * batched per tick, the span a panel focuses, a rerun refused with the contract's issues, live runs
 * followed from the server's notifications, and which files the trace editor shows.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeSet } from '../../../src/core/edits/changeSet';
import { newChangeSet } from '../../../src/core/edits/newChangeSet';
import type { Span } from '../../../src/core/trace/spans';
import type { NovaNotification } from '../../../src/protocol/message';
import { runEnded, runSpan, runStarted } from '../../../src/protocol/run';
import { LiveTraces } from '../../../src/extension/client/trace/liveTraces';
import { hunkSummary, producedHunks } from '../../../src/extension/client/trace/producedHunks';
import { rerunIssues } from '../../../src/extension/client/trace/rerunIssues';
import { SpanBatcher, type BatchTimer } from '../../../src/extension/client/trace/spanBatcher';
import { focusedSpanId } from '../../../src/extension/client/trace/traceFocus';
import { traceFileProblem } from '../../../src/extension/traceFiles';

const board = ['export function same(a: string, b: string): boolean {', '  return a == b;', '}', ''].join('\n');

function changeSet(id: string, source: ChangeSet['source']): ChangeSet {
  return newChangeSet(id, 1, source, {
    summary: 'Strict equality',
    rationale: 'No coercion.',
    risks: [],
    files: [{ path: 'src/board.ts', hunks: [{ startLine: 2, before: '  return a == b;', after: '  return a === b;', rationale: 'no coercion' }] }],
  }, new Map([['src/board.ts', board]]));
}

function span(id: string, kind: Span['kind'], startedAt: number, more: Record<string, unknown> = {}): Span {
  return { runId: 'run-1', id, parentId: null, kind, startedAt, endedAt: startedAt + 1, ...more } as unknown as Span;
}

describe('the hunks each span produced', () => {
  it('groups a run\'s agent change sets by the span that carried them, leaving out other runs, quick fixes and the person\'s own', () => {
    const sets = [
      changeSet('p-a', { kind: 'agent', agent: 'refactorer', runId: 'run-1', spanId: 'h-2' }),
      changeSet('p-b', { kind: 'agent', agent: 'refactorer', runId: 'run-2', spanId: 'h-2' }),
      changeSet('p-c', { kind: 'fix', rule: 'eqeqeq', path: 'src/board.ts', line: 2, title: 'Use ===' }),
      changeSet('p-d', { kind: 'person', runId: 'run-1' }),
      changeSet('p-e', { kind: 'agent', agent: 'refactorer', runId: 'run-1' }),
    ];
    const grouped = producedHunks('run-1', sets, 'run-span');
    assert.deepEqual(Object.keys(grouped).sort(), ['h-2', 'run-span']);
    assert.deepEqual(grouped['h-2']?.map((hunk) => [hunk.changeSetId, hunk.path, hunk.startLine, hunk.status]), [['p-a', 'src/board.ts', 2, 'pending']]);
    assert.equal(grouped['h-2']?.[0]?.hunkId, sets[0]?.files[0]?.hunks[0]?.id);
    assert.deepEqual(grouped['run-span']?.map((hunk) => hunk.changeSetId), ['p-e'], 'a change set without a span id is listed under the run');
    assert.deepEqual(producedHunks('run-1', [sets[4] as ChangeSet], undefined), {}, 'nowhere to list it: left out rather than under a made-up id');
  });

  it('sums a hunk up in one line: lines added and removed, and the first changed line', () => {
    assert.equal(hunkSummary({ before: '  return a == b;', after: '  return a === b;\n  // strict' }), '+2 −1 lines: return a === b;');
    assert.equal(hunkSummary({ before: 'gone', after: '' }), '+0 −1 lines: gone');
    assert.equal(hunkSummary({ before: '', after: 'x'.repeat(200) }).length, '+1 −0 lines: '.length + 80);
  });
});

describe('live spans, batched per tick', () => {
  function manualTimer(): BatchTimer & { fire(): void; readonly pending: number } {
    const callbacks = new Map<number, () => void>();
    let next = 1;
    return {
      set: (callback) => (callbacks.set(next, callback), next++),
      clear: (handle) => void callbacks.delete(handle as number),
      fire: () => {
        for (const [handle, callback] of [...callbacks]) {
          callbacks.delete(handle);
          callback();
        }
      },
      get pending() {
        return callbacks.size;
      },
    };
  }

  it('sends what arrived during one tick as one batch, in order, and starts no tick for nothing', () => {
    const timer = manualTimer();
    const sent: number[][] = [];
    const batcher = new SpanBatcher<number>((items) => sent.push(items), 32, timer);
    for (let i = 0; i < 500; i++) batcher.add(i);
    assert.equal(timer.pending, 1, 'one tick for the whole burst');
    timer.fire();
    assert.deepEqual(sent, [Array.from({ length: 500 }, (_, i) => i)]);
    timer.fire();
    assert.equal(sent.length, 1, 'an empty tick sends nothing');
    batcher.add(500);
    batcher.flush();
    assert.deepEqual(sent[1], [500], 'flush sends at once (the run ended)');
    assert.equal(timer.pending, 0, 'and cancels the tick');
  });

  it('sends nothing after it is disposed', () => {
    const timer = manualTimer();
    const sent: number[][] = [];
    const batcher = new SpanBatcher<number>((items) => sent.push(items), 32, timer);
    batcher.add(1);
    batcher.dispose();
    batcher.add(2);
    timer.fire();
    batcher.flush();
    assert.deepEqual(sent, []);
  });

  it('sends a batch within one real tick', async () => {
    const sent: number[][] = [];
    const batcher = new SpanBatcher<number>((items) => sent.push(items), 16);
    batcher.add(1);
    batcher.add(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(sent, [[1, 2]]);
  });
});

describe('the span a trace panel focuses', () => {
  const spans = [span('r', 'run', 0), span('h-bounced', 'handoff', 5, { status: 'bounced' }), span('h-late', 'handoff', 20, { status: 'delivered' }), span('h-first', 'handoff', 10, { status: 'delivered' })];

  it('is the span named, else the run\'s first delivered handoff, else its first handoff', () => {
    assert.equal(focusedSpanId(spans, { spanId: 'anything' }), 'anything');
    assert.equal(focusedSpanId(spans, { firstHandoff: true }), 'h-first');
    assert.equal(focusedSpanId([spans[0] as Span, spans[1] as Span], { firstHandoff: true }), 'h-bounced');
    assert.equal(focusedSpanId([spans[0] as Span], { firstHandoff: true }), undefined);
    assert.equal(focusedSpanId(spans, undefined), undefined);
  });
});

describe('a rerun the contract refuses', () => {
  it('answers with the issues of the server\'s invalid-params error, and with nothing for any other failure', () => {
    assert.deepEqual(rerunIssues({ code: -32602, message: 'invalid', data: { issues: ['goal: Required', 'files: Expected array'] } }), ['goal: Required', 'files: Expected array']);
    assert.equal(rerunIssues({ code: -32001, data: { issues: ['x'] } }), undefined, 'not found is not a contract issue');
    assert.equal(rerunIssues({ code: -32602, data: { issues: [] } }), undefined);
    assert.equal(rerunIssues({ code: -32602 }), undefined);
    assert.equal(rerunIssues(new Error('boom')), undefined);
    assert.equal(rerunIssues(undefined), undefined);
  });
});

describe('live runs followed from the server\'s notifications', () => {
  function fakeServer() {
    const handlers = new Map<string, (params: unknown) => void>();
    return {
      onNotification: <P>(notification: NovaNotification<P>, handler: (params: P) => void) => {
        handlers.set(notification.method, handler as (params: unknown) => void);
        return { dispose: () => handlers.delete(notification.method) };
      },
      send: <P>(notification: NovaNotification<P>, params: P) => handlers.get(notification.method)?.(params),
    };
  }

  it('hands a panel opened mid-run the spans so far, then each span, then the end; after the end the run is not live', () => {
    const server = fakeServer();
    const live = new LiveTraces(server);
    server.send(runStarted, { runId: 'run-1', task: 'Tidy', entryAgent: 'router', origin: 'chat' });
    server.send(runSpan, { runId: 'run-1', span: span('a', 'turn', 1) });
    server.send(runSpan, { runId: 'run-2', span: span('other', 'turn', 1) });
    assert.equal(live.taskOf('run-1'), 'Tidy');
    const seen: string[] = [];
    const followed = live.follow('run-1', { span: (ended) => seen.push(ended.id), ended: () => seen.push('(ended)') });
    assert.deepEqual(followed?.spans.map((ended) => ended.id), ['a']);
    server.send(runSpan, { runId: 'run-1', span: span('b', 'handoff', 2) });
    server.send(runEnded, { runId: 'run-1', result: { status: 'completed' } as never, proposalIds: [] });
    assert.deepEqual(seen, ['b', '(ended)']);
    assert.equal(live.isLive('run-1'), false);
    assert.equal(live.follow('run-1', { span: () => undefined, ended: () => undefined }), undefined, 'an ended run is read from its file');
    assert.equal(live.isLive('run-2'), true);
    live.dispose();
  });

  it('treats a run just started as live before its first notification', () => {
    const live = new LiveTraces(fakeServer());
    live.expect('run-9', 'Rerun');
    assert.deepEqual(live.follow('run-9', { span: () => undefined, ended: () => undefined })?.spans, []);
    assert.equal(live.taskOf('run-9'), 'Rerun');
  });

  it('does not make a run live again that ended before the answer that started it was read', () => {
    const server = fakeServer();
    const live = new LiveTraces(server);
    server.send(runStarted, { runId: 'run-quick', task: 'Quick', entryAgent: 'router', origin: 'run' });
    server.send(runEnded, { runId: 'run-quick', result: { status: 'completed' } as never, proposalIds: [] });
    live.expect('run-quick', 'Quick');
    assert.equal(live.isLive('run-quick'), false);
    assert.equal(live.follow('run-quick', { span: () => undefined, ended: () => undefined }), undefined, 'its trace is read from its file');
  });
});

describe('which files the trace editor shows, and their payloads', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'nova-trace-files-'));
    mkdirSync(join(root, 'ws', '.nova', 'traces'), { recursive: true });
    mkdirSync(join(root, 'elsewhere', '.nova', 'traces'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('shows only <run id>.jsonl in a workspace folder\'s .nova/traces', () => {
    const folders = [join(root, 'ws')];
    assert.equal(traceFileProblem(join(root, 'ws', '.nova', 'traces', 'run-1.jsonl'), folders), undefined);
    assert.match(traceFileProblem(join(root, 'elsewhere', '.nova', 'traces', 'run-1.jsonl'), folders) ?? '', /not in the \.nova\/traces folder of a workspace folder/);
    assert.match(traceFileProblem(join(root, 'ws', '.nova', 'traces', 'a b.jsonl'), folders) ?? '', /not named like a run's trace/);
    symlinkSync(join(root, 'elsewhere', '.nova', 'traces'), join(root, 'ws', '.nova', 'linked'));
    assert.match(traceFileProblem(join(root, 'ws', '.nova', 'linked', 'run-1.jsonl'), folders) ?? '', /not in the \.nova\/traces/, 'a link out of the folder');
  });
});
