import * as assert from 'node:assert/strict';
import type { Span } from '../../../src/core/trace/spans';
import { buildRunTree, type SpanNode } from '../../../src/core/trace/tree';

const span = (id: string, parentId: string | null, startedAt: number, kind: 'run' | 'turn' = 'turn'): Span =>
  kind === 'run'
    ? { runId: 'r', id, parentId, kind, startedAt, endedAt: startedAt, task: 't', entryAgent: 'concierge', status: 'completed' }
    : { runId: 'r', id, parentId, kind, startedAt, endedAt: startedAt, agent: 'a', index: 0 };

const ids = (nodes: readonly SpanNode[]) => nodes.map((node) => node.span.id);

describe('run tree', () => {
  it('puts spans under their parents, children by start time, ties in input order', () => {
    const tree = buildRunTree([span('c', 'r1', 30), span('a', 'r1', 10), span('b2', 'r1', 20), span('b1', 'r1', 20), span('x', 'a', 11), span('r1', null, 0, 'run')]);
    assert.equal(tree.root?.span.id, 'r1');
    assert.deepEqual(ids(tree.root.children), ['a', 'b2', 'b1', 'c']);
    assert.deepEqual(ids(tree.nodes.get('a')?.children ?? []), ['x']);
    assert.equal(tree.nodes.size, 6);
    assert.deepEqual(tree.orphans, []);
  });

  it('keeps spans whose parent was never recorded as orphans, so a crashed run still shows its agents', () => {
    const tree = buildRunTree([span('t2', 'gone', 20), span('t1', 'gone', 10), span('loose', null, 5)]);
    assert.equal(tree.root, undefined);
    assert.deepEqual(ids(tree.orphans), ['loose', 't1', 't2']);
  });

  it('cuts a parent cycle from a damaged file instead of losing its spans', () => {
    const tree = buildRunTree([span('r1', null, 0, 'run'), span('p', 'q', 1), span('q', 'p', 2), span('self', 'self', 3)]);
    assert.deepEqual(ids(tree.orphans), ['p', 'self']);
    assert.deepEqual(ids(tree.nodes.get('p')?.children ?? []), ['q']);
    assert.deepEqual(tree.nodes.get('q')?.children, []);
  });

  it('keeps the first of two spans with the same id and the first run span as root', () => {
    const tree = buildRunTree([span('r1', null, 0, 'run'), span('r2', null, 1, 'run'), span('t', 'r1', 2), span('t', 'r2', 3)]);
    assert.equal(tree.root?.span.id, 'r1');
    assert.deepEqual(ids(tree.root.children), ['t']);
    assert.deepEqual(ids(tree.orphans), ['r2']);
    assert.equal(tree.nodes.get('t')?.span.startedAt, 2);
  });
});
