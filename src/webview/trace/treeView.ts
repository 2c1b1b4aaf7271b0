/**
 * The run tree, virtualised: rows have one fixed height, a spacer gives the scroller the height of
 * all of them, and only the rows in (and just around) the viewport exist in the DOM — recycled
 * from a small pool as the person scrolls, so a 100,000-span trace costs what a screenful does.
 *
 * An ARIA tree (role=tree/treeitem, aria-level, aria-setsize/posinset, aria-expanded,
 * aria-selected) with roving focus: the active row is the one tab stop, and the keys of a tree
 * move it (Up/Down, Left/Right to close/open or go to parent/child, Home/End, Enter/Space to open
 * or close). Positions and transforms are set through the CSSOM: the page's CSP allows no inline
 * style attributes.
 */
import { h } from '../shared/dom';
import { formatMetrics } from './format';
import { lineOf, type TreeRow } from './rows';
import type { TraceNode } from './traceModel';

/** Every row's height in pixels (trace.css `.tree-row` says the same). */
export const rowHeight = 22;
/** Rows drawn beyond each edge of the viewport, so a scroll of a few rows shows no gap. */
const overscan = 8;

/** What the tree tells the page. */
export interface TreeEvents {
  /** The active row changed (by keyboard or click): show that node. */
  select(node: TraceNode): void;
  /** Open or close a row. */
  toggle(node: TraceNode, open: boolean): void;
  /** A key the tree does not handle itself (n / p: next and previous problem). */
  key(event: KeyboardEvent): void;
}

interface RowElement {
  readonly element: HTMLDivElement;
  readonly twisty: HTMLSpanElement;
  readonly kind: HTMLSpanElement;
  readonly agent: HTMLSpanElement;
  readonly summary: HTMLSpanElement;
  readonly hidden: HTMLSpanElement;
  readonly metrics: HTMLSpanElement;
  node: TraceNode | undefined;
}

const kindLabels: Record<string, string> = {
  run: 'run', agent: 'agent', turn: 'turn', model_call: 'model', reasoning: 'reasoning', tool_call: 'tool', handoff: 'handoff',
  validation: 'validation', decision: 'decision', escalation: 'escalation', governor_stop: 'stop', person_change: 'your edit',
  improve_phase: 'phase', gate: 'gate', protected_write: 'protected',
};

export class TreeView {
  readonly element: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly pool: RowElement[] = [];
  private rows: readonly TreeRow[] = [];
  private indexOf = new Map<TraceNode, number>();
  private active = 0;
  private selected: TraceNode | undefined;
  private paintQueued = false;

  constructor(private readonly events: TreeEvents) {
    this.spacer = h('div', { class: 'tree-spacer' });
    this.element = h('div', { class: 'tree', role: 'tree', 'aria-label': 'Run trace', tabindex: '0' }, this.spacer);
    this.element.addEventListener('scroll', () => this.queuePaint());
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('focus', () => this.focusActive());
    new ResizeObserver(() => this.queuePaint()).observe(this.element);
  }

  /** Shows these rows (after a load, a toggle, a filter, a live span) and draws the visible slice. */
  setRows(rows: readonly TreeRow[]): void {
    const activeNode = this.rows[this.active]?.node;
    this.rows = rows;
    this.indexOf = new Map(rows.map((row, index) => [row.node, index]));
    this.active = Math.min(activeNode ? (this.indexOf.get(activeNode) ?? this.active) : 0, Math.max(0, rows.length - 1));
    this.spacer.style.height = `${rows.length * rowHeight}px`;
    this.paint();
  }

  /** Marks `node` selected and active and scrolls it into view (it must be among the rows). */
  reveal(node: TraceNode, focus: boolean): void {
    const index = this.indexOf.get(node);
    if (index === undefined) return;
    this.selected = node;
    this.active = index;
    this.scrollToIndex(index);
    this.paint();
    if (focus) this.focusActive();
  }

  /** Nothing selected: a new trace was loaded. */
  clearSelection(): void {
    this.selected = undefined;
    this.active = 0;
  }

  get selectedNode(): TraceNode | undefined {
    return this.selected;
  }

  /** How many rows exist in the DOM now (the bench and the tests check the virtualisation). */
  get drawnRows(): number {
    return this.pool.filter((row) => row.node !== undefined).length;
  }

  private scrollToIndex(index: number): void {
    const top = index * rowHeight;
    const height = this.element.clientHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + rowHeight > this.element.scrollTop + height) this.element.scrollTop = top + rowHeight - height;
  }

  private queuePaint(): void {
    if (this.paintQueued) return;
    this.paintQueued = true;
    requestAnimationFrame(() => {
      this.paintQueued = false;
      this.paint();
    });
  }

  private paint(): void {
    const focused = this.element.contains(document.activeElement) && document.activeElement !== this.element;
    const height = this.element.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.element.scrollTop / rowHeight) - overscan);
    const last = Math.min(this.rows.length, Math.ceil((this.element.scrollTop + height) / rowHeight) + overscan);
    const count = Math.max(0, last - first);
    while (this.pool.length < count) this.pool.push(this.createRow());
    for (let slot = 0; slot < this.pool.length; slot++) {
      const row = this.pool[slot]!;
      const index = first + slot;
      if (slot < count) this.drawRow(row, this.rows[index]!, index);
      else if (row.node) {
        row.node = undefined;
        row.element.hidden = true;
        row.element.tabIndex = -1;
      }
    }
    // The tree itself is the tab stop only while the active row is scrolled out of the DOM.
    const activeDrawn = this.active >= first && this.active < last;
    this.element.tabIndex = activeDrawn ? -1 : 0;
    if (focused && activeDrawn) this.focusActive();
  }

  private createRow(): RowElement {
    const twisty = h('span', { class: 'twisty', 'aria-hidden': 'true' });
    const kind = h('span', { class: 'kind' });
    const agent = h('span', { class: 'agent-name' });
    const summary = h('span', { class: 'summary' });
    const hidden = h('span', { class: 'hidden-problems' });
    const metrics = h('span', { class: 'metrics' });
    const element = h('div', { class: 'tree-row', role: 'treeitem' }, twisty, kind, agent, summary, hidden, metrics);
    this.element.append(element);
    return { element, twisty, kind, agent, summary, hidden, metrics, node: undefined };
  }

  private drawRow(row: RowElement, tree: TreeRow, index: number): void {
    const { node } = tree;
    const { element } = row;
    element.hidden = false;
    element.style.transform = `translateY(${index * rowHeight}px)`;
    element.style.paddingLeft = `${(tree.level - 1) * 14 + 4}px`;
    element.dataset.index = String(index);
    element.tabIndex = index === this.active ? 0 : -1;
    element.setAttribute('aria-level', String(tree.level));
    element.setAttribute('aria-setsize', String(tree.setSize));
    element.setAttribute('aria-posinset', String(tree.posInSet));
    element.setAttribute('aria-selected', String(node === this.selected));
    if (tree.expandable) element.setAttribute('aria-expanded', String(tree.open));
    else element.removeAttribute('aria-expanded');
    element.classList.toggle('is-problem', node.problem !== undefined);
    element.classList.toggle('context', tree.context);
    row.twisty.textContent = tree.expandable ? (tree.open ? '▾' : '▸') : '';
    // A closed row says how many problems it hides.
    const hiddenProblems = tree.expandable && !tree.open ? node.totals.problems - (node.problem ? 1 : 0) : 0;
    row.hidden.textContent = hiddenProblems > 0 ? `⚠ ${hiddenProblems}` : '';
    row.hidden.title = hiddenProblems > 0 ? `${hiddenProblems} problem${hiddenProblems === 1 ? '' : 's'} inside` : '';
    if (row.node === node) return;
    row.node = node;
    element.id = `span-${node.span.id}`;
    element.dataset.kind = node.span.kind;
    row.kind.textContent = kindLabels[node.span.kind] ?? node.span.kind;
    const agent = node.span.kind === 'handoff' ? (node.span.agent ?? node.span.from) : node.span.agent;
    // An agent's own rows (and its turns) are under its name already.
    row.agent.textContent = agent && node.span.kind !== 'agent' && node.span.kind !== 'turn' ? agent : '';
    row.summary.textContent = lineOf(node);
    row.metrics.textContent = formatMetrics(node);
    // The name a screen reader says: kind, agent, summary (the run's summary names it already).
    const kindLabel = node.span.kind === 'run' ? '' : (kindLabels[node.span.kind] ?? node.span.kind);
    const agentLabel = node.span.kind === 'agent' ? '' : (agent ?? '');
    element.setAttribute('aria-label', `${node.problem ? 'Problem: ' : ''}${kindLabel} ${agentLabel} ${row.summary.textContent}`.replace(/\s+/g, ' ').trim());
  }

  private focusActive(): void {
    const row = this.pool.find((candidate) => candidate.node && candidate.node === this.rows[this.active]?.node);
    row?.element.focus({ preventScroll: true });
  }

  private moveTo(index: number): void {
    if (this.rows.length === 0) return;
    const target = Math.max(0, Math.min(this.rows.length - 1, index));
    const node = this.rows[target]!.node;
    this.selected = node;
    this.active = target;
    this.scrollToIndex(target);
    this.paint();
    this.focusActive();
    this.events.select(node);
  }

  private onKey(event: KeyboardEvent): void {
    const row = this.rows[this.active];
    const page = Math.max(1, Math.floor(this.element.clientHeight / rowHeight) - 1);
    switch (event.key) {
      case 'ArrowDown': this.moveTo(this.active + 1); break;
      case 'ArrowUp': this.moveTo(this.active - 1); break;
      case 'PageDown': this.moveTo(this.active + page); break;
      case 'PageUp': this.moveTo(this.active - page); break;
      case 'Home': this.moveTo(0); break;
      case 'End': this.moveTo(this.rows.length - 1); break;
      case 'ArrowRight':
        if (!row) return;
        if (row.expandable && !row.open) this.events.toggle(row.node, true);
        else if (row.open) this.moveTo(this.active + 1);
        break;
      case 'ArrowLeft': {
        if (!row) return;
        if (row.open) this.events.toggle(row.node, false);
        else if (row.node.parent) {
          const parent = this.indexOf.get(row.node.parent);
          if (parent !== undefined) this.moveTo(parent);
        }
        break;
      }
      case 'Enter':
      case ' ':
        if (!row) return;
        this.selected = row.node;
        this.events.select(row.node);
        if (row.expandable) this.events.toggle(row.node, !row.open);
        else this.paint();
        break;
      default:
        this.events.key(event);
        return;
    }
    event.preventDefault();
  }

  private onClick(event: MouseEvent): void {
    const element = event.target instanceof Element ? event.target.closest<HTMLElement>('.tree-row') : null;
    if (!element) return;
    const index = Number(element.dataset.index);
    const row = this.rows[index];
    if (!row) return;
    if (event.target instanceof Element && event.target.closest('.twisty') && row.expandable) {
      this.active = index;
      this.events.toggle(row.node, !row.open);
      return;
    }
    this.moveTo(index);
    if (event.detail === 2 && row.expandable) this.events.toggle(row.node, !row.open);
  }
}
