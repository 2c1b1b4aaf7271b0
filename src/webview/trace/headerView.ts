/**
 * The top of the trace panel: the run's task, status, entry agent, duration and totals, each
 * agent's totals, the run it reran from (a link), the damaged lines of its file, whether it is
 * still running, the problem count with Previous / Next, and the export buttons.
 */
import { traceExport, traceOpenRun } from '../../protocol/webview/trace';
import type { PageActions } from '../shared/actions';
import { button, h, replaceChildren } from '../shared/dom';
import { formatDuration, formatTotals } from './format';
import type { TraceModel } from './traceModel';

export interface HeaderEvents {
  nextProblem(step: 1 | -1): void;
}

export class HeaderView {
  readonly element: HTMLElement;
  private readonly title = h('h1', { class: 'run-task' });
  private readonly facts = h('div', { class: 'run-facts' });
  private readonly agents = h('ul', { class: 'agent-totals', 'aria-label': 'Agents' });
  private readonly notes = h('div', { class: 'run-notes' });
  private readonly running = h('span', { class: 'running', role: 'status' });
  private readonly problemCount = h('span', { class: 'problem-count', role: 'status', 'aria-live': 'polite' });
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;

  constructor(
    private readonly actions: PageActions,
    events: HeaderEvents,
  ) {
    this.previous = button('Previous problem', () => events.nextProblem(-1), { class: 'secondary', title: 'Previous problem (Shift+F8)' }, '↑ Previous');
    this.next = button('Next problem', () => events.nextProblem(1), { class: 'secondary', title: 'Next problem (F8)' }, '↓ Next');
    const exports = h(
      'div',
      { class: 'exports' },
      button('Export JSONL', () => void actions.ask('export the trace', traceExport, { format: 'jsonl' }), { class: 'secondary' }),
      button('Export OTLP', () => void actions.ask('export the trace', traceExport, { format: 'otlp' }), { class: 'secondary', title: 'OpenTelemetry (OTLP protobuf), for Jaeger, Langfuse or Phoenix' }),
    );
    this.element = h(
      'header',
      { class: 'trace-header' },
      h('div', { class: 'title-row' }, this.title, this.running, exports),
      this.facts,
      this.agents,
      this.notes,
      h('div', { class: 'problem-bar' }, this.problemCount, this.previous, this.next),
    );
  }

  show(model: TraceModel, live: boolean, fileProblems: readonly { line: number; message: string }[]): void {
    const run = model.runSpan;
    this.title.textContent = run ? run.task : `Run ${model.runId}`;
    const totals = formatTotals(model.totals) || 'no model calls';
    replaceChildren(
      this.facts,
      h('span', { class: `status status-${run?.status ?? 'running'}` }, run ? run.status : live ? 'running' : 'did not finish'),
      run && h('span', {}, `entry ${run.entryAgent}`),
      Number.isFinite(model.startedAt) && h('span', {}, formatDuration(model.endedAt - model.startedAt)),
      h('span', { class: 'run-totals' }, `${totals}${model.totals.modelCalls > 0 ? ` · ${model.totals.modelCalls} model calls` : ''}`),
      h('span', { class: 'muted' }, `${model.nodes.size.toLocaleString('en-US')} spans`),
    );
    replaceChildren(this.agents, ...[...model.agents].map((agent) => h('li', {}, h('span', { class: 'agent-name' }, agent), ` ${formatTotals(model.byAgent.get(agent) ?? { tokens: 0, costUsd: 0, modelCalls: 0, problems: 0 }) || 'no model calls'}`)));
    const rerunOf = run?.rerunOf;
    replaceChildren(
      this.notes,
      rerunOf &&
        h(
          'p',
          { class: 'rerun-of' },
          button(`Rerun of run ${rerunOf.runId}`, () => void this.actions.ask('open the earlier run', traceOpenRun, { runId: rerunOf.runId, spanId: rerunOf.spanId }), { class: 'link-button' }),
          rerunOf.edited ? ' (with an edited payload)' : '',
        ),
      fileProblems.length > 0 &&
        h('details', { class: 'file-problems' }, h('summary', {}, `${fileProblems.length} line${fileProblems.length === 1 ? '' : 's'} of the trace file could not be read`), h('ul', {}, ...fileProblems.map((problem) => h('li', {}, `line ${problem.line}: ${problem.message}`)))),
    );
    this.setLive(live && !run);
  }

  setLive(live: boolean): void {
    this.running.textContent = live ? 'Running…' : '';
    this.running.classList.toggle('active', live);
  }

  /** "3 problems" and where the last Next/Previous landed ("2 of 3"). */
  showProblems(count: number, at: number | undefined): void {
    this.problemCount.textContent = count === 0 ? 'No problems' : `${count} problem${count === 1 ? '' : 's'}${at === undefined ? '' : ` · ${at + 1} of ${count}`}`;
    this.problemCount.classList.toggle('has-problems', count > 0);
    this.previous.disabled = count === 0;
    this.next.disabled = count === 0;
  }
}
