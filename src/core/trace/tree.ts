/**
 * The run tree: spans arranged under their parents, as the trace panel and the CLI show them. Built the
 * same way from live spans and from a reloaded JSONL file, so both show the same tree.
 */
import type { Span } from './spans';

/** A span with its children, ordered by start time. */
export interface SpanNode {
  readonly span: Span;
  readonly children: SpanNode[];
}

/** A run's spans as a tree, with an index by span id. */
export interface RunTree {
  /** The run span; undefined when it was never recorded (a run that crashed before it ended). */
  readonly root: SpanNode | undefined;
  readonly nodes: Map<string, SpanNode>;
  /**
   * Spans with no place under the root: their parent was never recorded (so a crashed run still
   * shows its agents), they have no parent but are not the run, or they sit in a parent cycle of a
   * damaged file (the cycle is cut at the span found first). Ordered by start time.
   */
  readonly orphans: SpanNode[];
}

/**
 * Builds the tree in linear time for a recorded trace. Siblings are sorted by `startedAt`, ties kept
 * in input order; spans arrive in end order, where siblings are already in start order unless they
 * overlapped, so only the few out-of-order child lists are sorted. A span whose id was already seen
 * is ignored: the first one recorded stands.
 */
export function buildRunTree(spans: readonly Span[]): RunTree {
  const nodes = new Map<string, SpanNode>();
  for (const span of spans) if (!nodes.has(span.id)) nodes.set(span.id, { span, children: [] });

  let root: SpanNode | undefined;
  const orphans: SpanNode[] = [];
  const unsorted = new Set<SpanNode[]>();
  for (const node of nodes.values()) {
    const { parentId, kind } = node.span;
    const parent = parentId === null || parentId === node.span.id ? undefined : nodes.get(parentId);
    if (parent) append(parent.children, node, unsorted);
    else if (parentId === null && kind === 'run' && !root) root = node;
    else append(orphans, node, unsorted);
  }
  cutCycles(nodes, root, orphans, unsorted);
  for (const list of unsorted) list.sort((a, b) => a.span.startedAt - b.span.startedAt);
  return { root, nodes, orphans };
}

function append(list: SpanNode[], node: SpanNode, unsorted: Set<SpanNode[]>): void {
  const last = list[list.length - 1];
  if (last && last.span.startedAt > node.span.startedAt) unsorted.add(list);
  list.push(node);
}

/**
 * Spans whose parents form a cycle (only in a damaged or hand-edited file) are reachable from neither
 * the root nor an orphan, and would otherwise vanish from every view. Each cycle is cut at the first
 * of its spans in input order, which becomes an orphan.
 */
function cutCycles(nodes: Map<string, SpanNode>, root: SpanNode | undefined, orphans: SpanNode[], unsorted: Set<SpanNode[]>): void {
  const reached = new Set<SpanNode>();
  const mark = (start: SpanNode) => {
    const stack = [start];
    for (let node = stack.pop(); node; node = stack.pop()) {
      reached.add(node);
      stack.push(...node.children);
    }
  };
  if (root) mark(root);
  orphans.forEach(mark);
  if (reached.size === nodes.size) return;

  for (const node of nodes.values()) {
    if (reached.has(node)) continue;
    // Walk up until a span repeats: that span is on the cycle this node hangs from.
    const seen = new Set<SpanNode>();
    let onCycle = node;
    while (!seen.has(onCycle)) {
      seen.add(onCycle);
      onCycle = nodes.get(onCycle.span.parentId!)!;
    }
    const parent = nodes.get(onCycle.span.parentId!)!;
    parent.children.splice(parent.children.indexOf(onCycle), 1);
    append(orphans, onCycle, unsorted);
    mark(onCycle);
  }
}
