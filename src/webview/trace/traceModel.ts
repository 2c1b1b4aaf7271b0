/**
 * The page's copy of one run's trace: every span as a node of the run tree, with its usage summed
 * over its subtree and whether it is a problem. Built once from trace/load in O(n) (the core's
 * buildRunTree, then one post-order pass for the sums) and kept up to date span by span while a
 * run is live, each new span costing the depth of the tree.
 *
 * Spans arrive when they end, so children come before their parents: a span whose parent has not
 * arrived yet waits at the top level (an orphan), and moves under its parent when the parent comes.
 * DOM-free.
 */
import type { Span } from '../../core/trace/spans';
import type { ProducedHunk } from '../../protocol/webview/trace';
import { buildRunTree, describeProblem, type SpanNode, type SpanProblem } from '../../protocol/webview/traceReading';

/** Usage summed over a subtree (the node's own model call, if it is one, included). */
export interface Totals {
  tokens: number;
  costUsd: number;
  modelCalls: number;
  /** Problems in the subtree (a closed row says it hides some). */
  problems: number;
}

/** One span in the page's tree. */
export interface TraceNode {
  readonly span: Span;
  readonly children: TraceNode[];
  parent: TraceNode | undefined;
  readonly totals: Totals;
  readonly problem: SpanProblem | undefined;
}

const zero = (): Totals => ({ tokens: 0, costUsd: 0, modelCalls: 0, problems: 0 });

function ownTotals(span: Span, problem: boolean): Totals {
  const problems = problem ? 1 : 0;
  if (span.kind !== 'model_call') return { ...zero(), problems };
  const { usage } = span;
  return { tokens: usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheCreationTokens, costUsd: span.costUsd, modelCalls: 1, problems };
}

function addTo(totals: Totals, more: Totals, sign = 1): void {
  totals.tokens += sign * more.tokens;
  totals.costUsd += sign * more.costUsd;
  totals.modelCalls += sign * more.modelCalls;
  totals.problems += sign * more.problems;
}

/** Inserts `node` among `siblings` in start order (after any with the same start: arrival order). */
function insertByStart(siblings: TraceNode[], node: TraceNode): void {
  let at = siblings.length;
  while (at > 0 && siblings[at - 1]!.span.startedAt > node.span.startedAt) at--;
  siblings.splice(at, 0, node);
}

export class TraceModel {
  readonly nodes = new Map<string, TraceNode>();
  /** The run span's node, once it has arrived (it ends last, so a live run has none yet). */
  root: TraceNode | undefined;
  /** Top-level nodes besides the root: spans whose parent has not arrived (or never will). */
  readonly orphans: TraceNode[] = [];
  /** Problems in the order they happened. */
  readonly problems: TraceNode[] = [];
  /** Hunks each span produced, by span id. */
  hunks: Record<string, ProducedHunk[]> = {};
  /** Agents in the order they first appear. */
  readonly agents = new Set<string>();
  /** Usage per agent over all its activations. */
  readonly byAgent = new Map<string, Totals>();
  readonly totals: Totals = zero();
  /** The earliest start and the latest end of any span (epoch ms). */
  startedAt = Infinity;
  endedAt = -Infinity;

  constructor(
    readonly runId: string,
    spans: readonly Span[],
  ) {
    const tree = buildRunTree(spans);
    const convert = (from: SpanNode, parent: TraceNode | undefined): TraceNode => {
      const node = this.created(from.span, parent);
      for (const child of from.children) node.children.push(convert(child, node));
      for (const child of node.children) addTo(node.totals, child.totals);
      return node;
    };
    if (tree.root) this.root = convert(tree.root, undefined);
    for (const orphan of tree.orphans) this.orphans.push(convert(orphan, undefined));
    this.sortProblems();
  }

  /** The top-level nodes as the tree shows them: the run, then what has no place under it. */
  get tops(): readonly TraceNode[] {
    return this.root ? [this.root, ...this.orphans] : this.orphans;
  }

  get runSpan(): Extract<Span, { kind: 'run' }> | undefined {
    const span = this.root?.span;
    return span?.kind === 'run' ? span : undefined;
  }

  /** Adds spans that ended since (live). Returns the nodes added; a span already known is ignored. */
  append(spans: readonly Span[]): TraceNode[] {
    const added: TraceNode[] = [];
    for (const span of spans) {
      if (this.nodes.has(span.id)) continue;
      const node = this.created(span, undefined);
      this.adoptWaitingChildren(node);
      this.place(node);
      added.push(node);
    }
    if (added.some((node) => node.problem)) this.sortProblems();
    return added;
  }

  /** The agent activation a span belongs to (the nearest agent span above it, or itself). */
  activationOf(node: TraceNode): TraceNode | undefined {
    for (let at: TraceNode | undefined = node; at; at = at.parent) if (at.span.kind === 'agent') return at;
    return undefined;
  }

  /** Every node of a subtree, depth first. */
  *subtree(node: TraceNode): Generator<TraceNode> {
    const stack = [node];
    for (let at = stack.pop(); at; at = stack.pop()) {
      yield at;
      for (let index = at.children.length - 1; index >= 0; index--) stack.push(at.children[index]!);
    }
  }

  private created(span: Span, parent: TraceNode | undefined): TraceNode {
    const problem = describeProblem(span);
    const own = ownTotals(span, problem !== undefined);
    const node: TraceNode = { span, children: [], parent, totals: { ...own }, problem };
    this.nodes.set(span.id, node);
    if (node.problem) this.problems.push(node);
    const agent = span.kind === 'handoff' ? (span.agent ?? span.from) : span.agent;
    if (agent) {
      this.agents.add(agent);
      if (own.modelCalls > 0) {
        const byAgent = this.byAgent.get(agent) ?? zero();
        addTo(byAgent, own);
        this.byAgent.set(agent, byAgent);
      }
    }
    addTo(this.totals, own);
    this.startedAt = Math.min(this.startedAt, span.startedAt);
    this.endedAt = Math.max(this.endedAt, span.endedAt);
    return node;
  }

  /** Orphans that were waiting for `parent` move under it, in the order they were waiting (ties keep arrival order). */
  private adoptWaitingChildren(parent: TraceNode): void {
    const adopted = this.orphans.filter((orphan) => orphan.span.parentId === parent.span.id && orphan !== parent);
    if (adopted.length === 0) return;
    const moving = new Set(adopted);
    const kept = this.orphans.filter((orphan) => !moving.has(orphan));
    this.orphans.splice(0, this.orphans.length, ...kept);
    for (const orphan of adopted) {
      orphan.parent = parent;
      insertByStart(parent.children, orphan);
      addTo(parent.totals, orphan.totals);
    }
  }

  private place(node: TraceNode): void {
    const { parentId, kind } = node.span;
    const parent = parentId === null ? undefined : this.nodes.get(parentId);
    // A parent inside the node's own subtree would be a cycle (a damaged file): the node stays on top.
    if (parent && parent !== node && !this.isInSubtree(parent, node)) {
      node.parent = parent;
      insertByStart(parent.children, node);
      for (let at: TraceNode | undefined = parent; at; at = at.parent) addTo(at.totals, node.totals);
      return;
    }
    if (parentId === null && kind === 'run' && !this.root) {
      this.root = node;
      return;
    }
    insertByStart(this.orphans, node);
  }

  private isInSubtree(candidate: TraceNode, top: TraceNode): boolean {
    for (let at: TraceNode | undefined = candidate; at; at = at.parent) if (at === top) return true;
    return false;
  }

  private sortProblems(): void {
    this.problems.sort((a, b) => a.span.startedAt - b.span.startedAt);
  }
}
