/**
 * The trace panel's page: the header, the filters, the run tree and the detail pane of the selected
 * span, fed by the extension's messages (trace/load, then trace/spans while live, trace/ended,
 * trace/hunks, trace/focus). It owns what the person chose — which rows are open, the filters, the
 * selection, where problem navigation is — and recomputes the rows the tree shows from them.
 */
import type { Span } from '../../core/trace/spans';
import type { ProducedHunk, TraceFileProblem } from '../../protocol/webview/trace';
import type { z } from 'zod';
import type { PageActions } from '../shared/actions';
import { h } from '../shared/dom';
import type { ProblemsView } from '../shared/problems';
import { spanDetail } from './detail/spanDetail';
import type { DetailServices } from './detail/services';
import { FilterBar } from './filterBar';
import { HeaderView } from './headerView';
import type { PaintClock } from './paintClock';
import { isFiltering, matchesOf, noFilter, visibleRows, type TraceFilter } from './rows';
import { TraceModel, type TraceNode } from './traceModel';
import { TreeView } from './treeView';

/** What trace/load carries. */
export interface TraceLoadParams {
  readonly runId: string;
  readonly spans: readonly Span[];
  readonly fileProblems: readonly z.infer<typeof TraceFileProblem>[];
  readonly live: boolean;
  readonly focus?: string | undefined;
  readonly hunks: Record<string, ProducedHunk[]>;
}

export class TracePage {
  private model: TraceModel | undefined;
  private live = false;
  private fileProblems: TraceLoadParams['fileProblems'] = [];
  private readonly header: HeaderView;
  private readonly filters: FilterBar;
  private readonly tree: TreeView;
  private readonly detail = h('div', { class: 'detail-pane', role: 'region', 'aria-label': 'Details', tabindex: '-1' });
  private expanded = new Set<TraceNode>();
  /** Rows the person closed while a filter is on (a filter opens the ancestors of its matches). */
  private collapsedFiltered = new Set<TraceNode>();
  private filter: TraceFilter = noFilter;
  private matched: TraceNode[] | undefined;
  private problemAt: number | undefined;
  /** A focus asked for before its span arrived (live runs): applied when it does. */
  private pendingFocus: string | undefined;
  private readonly loadedPayloads = new Map<string, unknown>();

  constructor(
    private readonly root: HTMLElement,
    private readonly actions: PageActions,
    problems: ProblemsView,
    private readonly clock: PaintClock,
  ) {
    this.header = new HeaderView(actions, { nextProblem: (step) => this.nextProblem(step, false) });
    this.filters = new FilterBar((filter) => this.setFilter(filter));
    this.tree = new TreeView({
      select: (node) => this.showDetail(node),
      toggle: (node, open) => this.toggle(node, open),
      key: (event) => {
        if (event.key === 'n' || event.key === 'p') {
          event.preventDefault();
          this.nextProblem(event.key === 'n' ? 1 : -1, true);
        }
      },
    });
    this.detail.append(h('p', { class: 'muted empty-hint' }, 'Loading the trace…'));
    root.replaceChildren(this.header.element, this.filters.element, problems.element, h('div', { class: 'panes' }, this.tree.element, this.detail));
    root.ownerDocument.addEventListener('keydown', (event) => {
      if (event.key !== 'F8') return;
      event.preventDefault();
      this.nextProblem(event.shiftKey ? -1 : 1, this.tree.element.contains(root.ownerDocument.activeElement));
    });
  }

  load(params: TraceLoadParams): void {
    // Another run's trace starts unfiltered; a reload of the same run keeps what the person chose.
    if (this.model && this.model.runId !== params.runId && isFiltering(this.filter)) {
      this.filter = noFilter;
      this.filters.clearQuietly();
    }
    const model = new TraceModel(params.runId, params.spans);
    model.hunks = { ...params.hunks };
    this.model = model;
    this.live = params.live;
    this.fileProblems = params.fileProblems;
    this.loadedPayloads.clear();
    this.expanded = new Set(model.tops);
    for (const node of model.nodes.values()) if (node.span.kind === 'agent') this.expanded.add(node);
    this.collapsedFiltered.clear();
    this.problemAt = undefined;
    this.tree.clearSelection();
    this.filters.setAgents([...model.agents]);
    this.header.show(model, this.live, this.fileProblems);
    this.refresh();
    const focus = params.focus ? model.nodes.get(params.focus) : undefined;
    this.pendingFocus = params.focus && !focus ? params.focus : undefined;
    const first = focus ?? model.tops[0];
    if (first) this.reveal(first, false);
    else this.detail.replaceChildren(h('p', { class: 'muted empty-hint' }, params.live ? 'The run has started; its spans appear here as they end.' : 'This trace has no spans.'));
    this.clock.loaded();
  }

  /** Live spans that ended since; drawn in the next frame. */
  append(runId: string, spans: readonly Span[]): void {
    const model = this.model;
    if (!model || model.runId !== runId) return;
    const added = model.append(spans);
    for (const node of added) if (node.span.kind === 'agent' || node.span.kind === 'run') this.expanded.add(node);
    this.clock.paintLive(() => {
      this.filters.setAgents([...model.agents]);
      this.header.show(model, this.live, this.fileProblems);
      this.refresh();
      const pending = this.pendingFocus ? model.nodes.get(this.pendingFocus) : undefined;
      if (pending) {
        this.pendingFocus = undefined;
        this.reveal(pending, false);
      } else if (!this.tree.selectedNode) this.showHint();
    });
  }

  /** With spans shown and none selected, the detail pane says how to read one (not that the run has just started). */
  private showHint(): void {
    this.detail.replaceChildren(h('p', { class: 'muted empty-hint' }, 'Select a row to read what it holds here.'));
  }

  ended(runId: string): void {
    if (this.model?.runId !== runId) return;
    this.live = false;
    this.header.setLive(false);
  }

  setHunks(runId: string, hunks: Record<string, ProducedHunk[]>): void {
    const model = this.model;
    if (!model || model.runId !== runId) return;
    model.hunks = { ...model.hunks, ...hunks };
    const selected = this.tree.selectedNode;
    if (selected && hunks[selected.span.id]) this.showDetail(selected);
  }

  focus(spanId: string): void {
    const node = this.model?.nodes.get(spanId);
    if (node) this.reveal(node, true);
    else this.pendingFocus = spanId;
  }

  private get services(): DetailServices {
    return { actions: this.actions, model: this.model!, loadedPayloads: this.loadedPayloads, select: (spanId) => this.focus(spanId) };
  }

  private refresh(): void {
    const model = this.model;
    if (!model) return;
    this.matched = isFiltering(this.filter) ? matchesOf(model, this.filter) : undefined;
    this.tree.setRows(visibleRows(model, this.expanded, this.matched, this.collapsedFiltered));
    this.filters.showMatches(this.matched?.length);
    this.header.showProblems(model.problems.length, this.problemAt);
    this.root.dataset.rows = String(this.tree.drawnRows);
  }

  private setFilter(filter: TraceFilter): void {
    this.filter = filter;
    this.collapsedFiltered.clear();
    this.refresh();
  }

  private toggle(node: TraceNode, open: boolean): void {
    if (this.matched) {
      if (open) this.collapsedFiltered.delete(node);
      else this.collapsedFiltered.add(node);
    } else if (open) this.expanded.add(node);
    else this.expanded.delete(node);
    this.refresh();
  }

  /** Selects `node`, opening its ancestors (and dropping the filters if they hide it), and scrolls to it. */
  private reveal(node: TraceNode, focusTree: boolean): void {
    if (this.matched && !this.isShownUnderFilter(node)) {
      this.filter = noFilter;
      this.filters.clear();
    }
    for (let at = node.parent; at; at = at.parent) {
      this.expanded.add(at);
      this.collapsedFiltered.delete(at);
    }
    this.refresh();
    this.tree.reveal(node, focusTree);
    this.showDetail(node);
  }

  /** Under a filter, a node is shown when it matches or is an ancestor of a match. */
  private isShownUnderFilter(node: TraceNode): boolean {
    return (this.matched ?? []).some((match) => {
      for (let at: TraceNode | undefined = match; at; at = at.parent) if (at === node) return true;
      return false;
    });
  }

  private nextProblem(step: 1 | -1, focusTree: boolean): void {
    const problems = this.model?.problems ?? [];
    if (problems.length === 0) return;
    const selected = this.tree.selectedNode;
    const current = selected ? problems.indexOf(selected) : -1;
    const from = current >= 0 ? current : (this.problemAt ?? (step > 0 ? -1 : 0));
    this.problemAt = (from + step + problems.length) % problems.length;
    this.reveal(problems[this.problemAt]!, focusTree);
  }

  private showDetail(node: TraceNode): void {
    if (!this.model) return;
    this.detail.replaceChildren(spanDetail(node, this.services));
    this.detail.scrollTop = 0;
  }
}
