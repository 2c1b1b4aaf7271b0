import * as assert from 'node:assert/strict';
import { InMemorySpanProcessor } from '../../../src/core/trace/memory';
import { newRunId, TraceRecorder } from '../../../src/core/trace/recorder';
import type { Span, SpanProcessor } from '../../../src/core/trace/spans';
import { steppingClock } from './sampleRun';

describe('trace recorder', () => {
  it('gives short ids unique within the run, links parents and times spans with its clock', () => {
    const memory = new InMemorySpanProcessor();
    const trace = new TraceRecorder('run-1', [memory], { clock: steppingClock(1000, 10) });
    const run = trace.start('run', null, { task: 'Explain the config loader', entryAgent: 'concierge', status: 'completed' });
    const agent = trace.start('agent', run.id, { agent: 'concierge', accepted: 'UserRequest', outcome: 'submitted' });
    const decision = trace.record('validation', agent.id, { agent: 'concierge', contract: 'Answer', direction: 'result', attempt: 1, verdict: 'accepted', issues: [] });
    const agentSpan = agent.end({ returned: 'Answer' });
    const runSpan = run.end();

    assert.deepEqual([run.id, agent.id, decision.id], ['s1', 's2', 's3']);
    assert.deepEqual(memory.spans.map((span) => [span.id, span.parentId, span.startedAt, span.endedAt]), [
      ['s3', 's2', 1020, 1020],
      ['s2', 's1', 1010, 1030],
      ['s1', null, 1000, 1040],
    ]);
    assert.equal(agentSpan.returned, 'Answer');
    assert.equal(agentSpan.outcome, 'submitted');
    assert.equal(runSpan.runId, 'run-1');
    assert.equal(runSpan.kind, 'run');
  });

  it('uses an injected id source', () => {
    let n = 0;
    const trace = new TraceRecorder('run-1', [], { newId: () => `x${(n += 2)}` });
    assert.equal(trace.start('turn', null, { agent: 'a', index: 0 }).id, 'x2');
    assert.equal(trace.record('turn', null, { agent: 'a', index: 1 }).id, 'x4');
  });

  it('emits a span once: a second end returns the same span and emits nothing', () => {
    const memory = new InMemorySpanProcessor();
    const trace = new TraceRecorder('run-1', [memory], { clock: steppingClock() });
    const turn = trace.start('turn', null, { agent: 'planner', index: 0 });
    const first = turn.end();
    const second = turn.end({ index: 7 });
    assert.equal(second, first);
    assert.equal(second.index, 0);
    assert.equal(memory.spans.length, 1);
  });

  it('tells live views when a span starts, with its agent when it has one', () => {
    const started: unknown[] = [];
    const live: SpanProcessor = { onSpanStart: (span) => started.push(span), onSpanEnd: () => undefined };
    const trace = new TraceRecorder('run-1', [live], { clock: () => 42 });
    const run = trace.start('run', null, { task: 't', entryAgent: 'concierge', status: 'completed' });
    trace.start('agent', run.id, { agent: 'concierge', accepted: 'UserRequest', outcome: 'submitted' });
    assert.deepEqual(started, [
      { runId: 'run-1', id: 's1', parentId: null, kind: 'run', startedAt: 42 },
      { runId: 'run-1', id: 's2', parentId: 's1', kind: 'agent', startedAt: 42, agent: 'concierge' },
    ]);
  });

  it('drops undefined fields, as a JSONL round trip would, and freezes the span processors share', () => {
    const trace = new TraceRecorder('run-1', []);
    const patch = { returned: undefined } as unknown as { returned: string };
    const span = trace.start('agent', null, { agent: 'reviewer', accepted: 'ChangeProposal', outcome: 'stopped' }).end(patch);
    assert.equal('returned' in span, false);
    assert.equal(Object.isFrozen(span), true);
  });

  it('keeps recording when a processor throws, and reports its first error', async () => {
    const memory = new InMemorySpanProcessor();
    const broken: SpanProcessor = {
      onSpanStart: () => {
        throw new Error('panel gone');
      },
      onSpanEnd: (span: Span) => {
        throw new Error(`cannot show ${span.id}`);
      },
      flush: () => Promise.reject(new Error('disk full')),
    };
    const trace = new TraceRecorder('run-1', [broken, memory]);
    const run = trace.start('run', null, { task: 't', entryAgent: 'concierge', status: 'completed' });
    trace.record('turn', run.id, { agent: 'concierge', index: 0 });
    run.end();

    assert.deepEqual(memory.spans.map((span) => span.id), ['s2', 's1']);
    assert.equal(trace.processorErrors.length, 1);
    const [failure] = trace.processorErrors;
    assert.equal(failure?.processor, broken);
    assert.equal(failure?.phase, 'start');
    assert.equal(failure?.spanId, 's1');
    assert.match(String(failure?.error), /panel gone/);
    assert.equal(failure?.count, 4);

    await assert.rejects(trace.flush(), /disk full/);
    assert.equal(trace.processorErrors[0]?.count, 5);
  });

  it('flushes every processor', async () => {
    let flushed = 0;
    const processor: SpanProcessor = { onSpanEnd: () => undefined, flush: async () => void flushed++ };
    await new TraceRecorder('run-1', [processor, new InMemorySpanProcessor(), processor]).flush();
    assert.equal(flushed, 2);
  });

  it('makes run ids that sort by time and are safe as file names', () => {
    const early = newRunId(new Date(Date.UTC(2026, 10, 24, 15, 30, 12)));
    const late = newRunId(new Date(Date.UTC(2026, 10, 24, 15, 30, 13)));
    assert.match(early, /^20261124-153012-[0-9a-f]{6}$/);
    assert.ok(early < late);
    assert.notEqual(newRunId(), newRunId());
  });
});
