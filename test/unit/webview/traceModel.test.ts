/**
 * The trace page's copy of a run: the same tree, sums and problems whether the spans came in one
 * trace/load or one by one while the run was live (children before their parents, as spans end),
 * and the filters keep the ancestors of what they match.
 */
import * as assert from 'node:assert/strict';
import { matchesOf, noFilter, visibleRows } from '../../../src/webview/trace/rows';
import { TraceModel, type TraceNode } from '../../../src/webview/trace/traceModel';
import { historyText, validationHistory } from '../../../src/webview/trace/validationHistory';
import { sampleProblemIds, sampleRunId, sampleSpans } from '../../support/traceSamples';

/** The tree as nested ids with each node's summed tokens and problems. */
function shape(nodes: readonly TraceNode[]): unknown[] {
  return nodes.map((node) => [node.span.id, node.totals.tokens, node.totals.problems, shape(node.children)]);
}

describe('trace page: the run as the page keeps it', () => {
  it('builds the same tree, sums and problems from live spans as from a loaded trace', () => {
    const loaded = new TraceModel(sampleRunId, sampleSpans());
    const live = new TraceModel(sampleRunId, []);
    for (const span of sampleSpans()) live.append([span]);
    assert.deepEqual(shape(live.tops), shape(loaded.tops));
    assert.equal(loaded.root?.totals.tokens, 23_400);
    assert.equal(loaded.root?.totals.problems, 6);
    assert.deepEqual(live.problems.map((node) => node.span.id), sampleProblemIds);
    assert.deepEqual([...live.byAgent.entries()], [...loaded.byAgent.entries()]);
    assert.deepEqual(live.append(sampleSpans().slice(0, 3)), [], 'a span already known is ignored');
  });

  it('keeps spans whose parent has not ended at the top, and moves them under it when it does', () => {
    const spans = sampleSpans();
    const live = new TraceModel(sampleRunId, spans.slice(0, 3));
    assert.deepEqual(live.tops.map((node) => node.span.id), ['m-con-1', 'r-con-1', 'tool-con-1']);
    live.append(spans.slice(3, 7));
    assert.deepEqual(live.tops.map((node) => node.span.id), ['t-con-1']);
    assert.equal(live.tops[0]?.children.length, 6);
  });

  it('reads a handoff\'s validation history from its activation', () => {
    const model = new TraceModel(sampleRunId, sampleSpans());
    assert.equal(historyText(validationHistory(model, model.nodes.get('h-coder-2')!)), 'attempt 1: 3 issues, bounced → attempt 2: accepted');
    assert.deepEqual(validationHistory(model, model.nodes.get('h-coder-2')!).map((attempt) => attempt.payload?.bytes !== undefined), [true, true], 'each attempt with what was sent');
    assert.equal(historyText(validationHistory(model, model.nodes.get('v-rev-1')!)), 'attempt 1: accepted');
  });

  it('shows what a filter matches with the ancestors above it, and only the open rows without one', () => {
    const model = new TraceModel(sampleRunId, sampleSpans());
    const matched = matchesOf(model, { ...noFilter, problemsOnly: true });
    const rows = visibleRows(model, new Set(), matched, new Set());
    assert.deepEqual(rows.filter((row) => !row.context).map((row) => row.node.span.id), sampleProblemIds);
    assert.ok(rows.filter((row) => row.context).every((row) => matched.some((match) => { for (let at = match.parent; at; at = at.parent) if (at === row.node) return true; return false; })));
    assert.deepEqual(visibleRows(model, new Set(), undefined, new Set()).map((row) => row.node.span.id), ['run']);
  });
});
