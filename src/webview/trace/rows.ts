/**
 * Which rows the tree shows: the nodes a person expanded down to, narrowed by the filters. A filter
 * keeps the nodes that match it and the ancestors of each (shown as context, expanded), so a match
 * is always seen where it sits in the run. DOM-free: the tree view draws a slice of these rows.
 */
import type { SpanKind } from '../../core/trace/spans';
import { describeSpan } from '../../protocol/webview/traceReading';
import type { TraceModel, TraceNode } from './traceModel';

/** What the person narrowed the tree to. Empty values filter nothing. */
export interface TraceFilter {
  readonly agent: string;
  readonly kind: SpanKind | '';
  readonly problemsOnly: boolean;
  /** Lower-cased search text. */
  readonly search: string;
}

export const noFilter: TraceFilter = { agent: '', kind: '', problemsOnly: false, search: '' };

/** One row: the node, its depth (1 for the top) and its place among the siblings shown. */
export interface TreeRow {
  readonly node: TraceNode;
  readonly level: number;
  readonly setSize: number;
  readonly posInSet: number;
  /** Shown because a descendant matches the filter, not itself. */
  readonly context: boolean;
  /** It has children to show, and whether they are shown. */
  readonly expandable: boolean;
  readonly open: boolean;
}

export const isFiltering = (filter: TraceFilter): boolean => filter.agent !== '' || filter.kind !== '' || filter.problemsOnly || filter.search !== '';

const agentOf = (node: TraceNode): string | undefined => (node.span.kind === 'handoff' ? (node.span.agent ?? node.span.from) : node.span.agent);

/** The text a search looks in: the row's summary and the span's own text (payloads, reasoning, outputs). Cached per node. */
const searchTexts = new WeakMap<TraceNode, string>();

export function searchTextOf(node: TraceNode): string {
  let text = searchTexts.get(node);
  if (text === undefined) {
    text = `${lineOf(node)}\n${spanText(node)}`.toLowerCase();
    searchTexts.set(node, text);
  }
  return text;
}

const lines = new WeakMap<TraceNode, string>();

/** The node's one-line summary (describeSpan), cached: the tree asks for it on every paint. */
export function lineOf(node: TraceNode): string {
  let line = lines.get(node);
  if (line === undefined) {
    line = describeSpan(node.span);
    lines.set(node, line);
  }
  return line;
}

function spanText(node: TraceNode): string {
  const span = node.span;
  switch (span.kind) {
    case 'reasoning':
      return span.text;
    case 'tool_call':
      return `${safeJson(span.input)}\n${span.output}`;
    case 'handoff':
      return `${span.reason}\n${span.payload ? (span.payload.value !== undefined ? safeJson(span.payload.value) : (span.payload.preview ?? '')) : ''}\n${span.issues?.join('\n') ?? ''}`;
    case 'validation':
      return `${span.issues.join('\n')}\n${span.payload?.value !== undefined ? safeJson(span.payload.value) : (span.payload?.preview ?? '')}`;
    case 'decision':
      return `${span.decision.rationale}\n${span.decision.opinions.map((opinion) => opinion.reason).join('\n')}`;
    case 'escalation':
      return span.escalation.question;
    case 'governor_stop':
      return span.report.detail;
    default:
      return '';
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** The nodes that match the filter, in tree order. */
export function matchesOf(model: TraceModel, filter: TraceFilter): TraceNode[] {
  const matched: TraceNode[] = [];
  for (const top of model.tops) {
    for (const node of model.subtree(top)) {
      if (filter.agent !== '' && agentOf(node) !== filter.agent) continue;
      if (filter.kind !== '' && node.span.kind !== filter.kind) continue;
      if (filter.problemsOnly && !node.problem) continue;
      if (filter.search !== '' && !searchTextOf(node).includes(filter.search)) continue;
      matched.push(node);
    }
  }
  return matched;
}

/**
 * The rows to show. Without a filter: every node whose ancestors are all expanded. With one: the
 * matches and their ancestors; an ancestor is open unless the person closed it (`collapsed`).
 */
export function visibleRows(model: TraceModel, expanded: ReadonlySet<TraceNode>, matched: readonly TraceNode[] | undefined, collapsed: ReadonlySet<TraceNode>): TreeRow[] {
  const rows: TreeRow[] = [];
  if (!matched) {
    const walk = (siblings: readonly TraceNode[], level: number) => {
      for (let index = 0; index < siblings.length; index++) {
        const node = siblings[index]!;
        const open = node.children.length > 0 && expanded.has(node);
        rows.push({ node, level, setSize: siblings.length, posInSet: index + 1, context: false, expandable: node.children.length > 0, open });
        if (open) walk(node.children, level + 1);
      }
    };
    walk(model.tops, 1);
    return rows;
  }
  const shown = new Set<TraceNode>();
  const isMatch = new Set(matched);
  for (const node of matched) for (let at: TraceNode | undefined = node.parent; at && !shown.has(at); at = at.parent) shown.add(at);
  for (const node of matched) shown.add(node);
  const walk = (siblings: readonly TraceNode[], level: number) => {
    const kept = siblings.filter((node) => shown.has(node));
    for (let index = 0; index < kept.length; index++) {
      const node = kept[index]!;
      const expandable = node.children.some((child) => shown.has(child));
      const open = expandable && !collapsed.has(node);
      rows.push({ node, level, setSize: kept.length, posInSet: index + 1, context: !isMatch.has(node), expandable, open });
      if (open) walk(node.children, level + 1);
    }
  };
  walk(model.tops, 1);
  return rows;
}
