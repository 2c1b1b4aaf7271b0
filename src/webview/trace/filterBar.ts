/**
 * The filters above the tree: one agent, one span kind, problems only, and a text search over the
 * rows' summaries and the spans' text (payloads, reasoning, outputs), debounced while typing, with
 * the number of matches.
 */
import type { SpanKind } from '../../core/trace/spans';
import { spanKinds } from '../../protocol/webview/traceReading';
import { h } from '../shared/dom';
import { noFilter, type TraceFilter } from './rows';

const searchDelayMs = 150;

export class FilterBar {
  readonly element: HTMLElement;
  private readonly agent = h('select', { 'aria-label': 'Agent' });
  private readonly kind = h('select', { 'aria-label': 'Span kind' });
  private readonly problemsOnly = h('input', { type: 'checkbox', id: 'problems-only' });
  private readonly search = h('input', { type: 'search', placeholder: 'Search the trace', 'aria-label': 'Search the trace' });
  private readonly count = h('span', { class: 'match-count', role: 'status', 'aria-live': 'polite' });
  private timer: ReturnType<typeof setTimeout> | undefined;
  private agentsShown = '';

  constructor(private readonly changed: (filter: TraceFilter) => void) {
    this.kind.append(h('option', { value: '' }, 'All kinds'), ...spanKinds.map((kind) => h('option', { value: kind }, kind.replace('_', ' '))));
    this.setAgents([]);
    this.agent.addEventListener('change', () => this.emit());
    this.kind.addEventListener('change', () => this.emit());
    this.problemsOnly.addEventListener('change', () => this.emit());
    this.search.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.emit(), searchDelayMs);
    });
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        clearTimeout(this.timer);
        this.emit();
      }
    });
    this.element = h(
      'div',
      { class: 'filter-bar', role: 'search', 'aria-label': 'Filter the trace' },
      this.agent,
      this.kind,
      h('label', { class: 'problems-only' }, this.problemsOnly, ' Problems only'),
      this.search,
      this.count,
    );
  }

  get filter(): TraceFilter {
    return { agent: this.agent.value, kind: this.kind.value as SpanKind | '', problemsOnly: this.problemsOnly.checked, search: this.search.value.trim().toLowerCase() };
  }

  /** The agents to choose from (keeps the choice). */
  setAgents(agents: readonly string[]): void {
    const key = agents.join('\n');
    if (key === this.agentsShown && this.agent.options.length > 0) return;
    this.agentsShown = key;
    const chosen = this.agent.value;
    this.agent.replaceChildren(h('option', { value: '' }, 'All agents'), ...agents.map((agent) => h('option', { value: agent }, agent)));
    this.agent.value = agents.includes(chosen) ? chosen : '';
  }

  /** "12 matches", or nothing without a filter. */
  showMatches(count: number | undefined): void {
    this.count.textContent = count === undefined ? '' : `${count.toLocaleString('en-US')} match${count === 1 ? '' : 'es'}`;
  }

  /** Clears every filter (a problem or a focus outside them was asked for). */
  clear(): void {
    this.clearQuietly();
    this.emit();
  }

  /** Clears the controls without telling (the page resets its own filter). */
  clearQuietly(): void {
    clearTimeout(this.timer);
    this.agent.value = noFilter.agent;
    this.kind.value = noFilter.kind;
    this.problemsOnly.checked = false;
    this.search.value = '';
  }

  private emit(): void {
    this.changed(this.filter);
  }
}
