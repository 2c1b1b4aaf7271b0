/**
 * What the trace page reads a run with: the core's own tree, one-line summaries and problem
 * descriptions (pure, no Node API), so the panel, the CLI and the Runs view say the same things
 * about the same spans. Webviews reach the core only through src/protocol (the layering rule).
 */
export { buildRunTree, type RunTree, type SpanNode } from '../../core/trace/tree';
export { describeProblem, type SpanProblem } from '../../core/trace/rollup';
export { describeSpan } from '../../core/trace/spanLine';
export { spanKinds } from '../../core/trace/spans';
