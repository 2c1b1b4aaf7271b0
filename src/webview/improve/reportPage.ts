/**
 * The change report, drawn: what the improvement was asked, its summary, each changed file with
 * what changed and why (a click opens its diff), each gate as the gate recorded it with its
 * evidence, protected attempts as problems, risks, what was not checked, the dirty-in-scope
 * warning, the trace, and the decision bar (Accept only when the report offers the change; else
 * why not). Drawn again whole on each `improve/load`: a report is small and changes only when the
 * person decides. Everything is text nodes (dom.ts): nothing an agent wrote is parsed as HTML.
 */
import type { GateRecord, ImproveRecord, ImproveReport, ProtectedAttempt } from '../../core/improve/record';
import { improveAcceptChange, improveOpenFile, improveOpenTrace, improveRejectChange, improveStateWords, gateStatusWords } from '../../protocol/webview/improve';
import type { PageActions } from '../shared/actions';
import { button, h, replaceChildren, type Child } from '../shared/dom';
import type { ProblemsView } from '../shared/problems';
import { changeSize, decisionOf, gateFacts, isLongEvidence } from './reportFacts';

export class ReportPage {
  private record: ImproveRecord | undefined;
  private busy = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly actions: PageActions,
    private readonly problems: ProblemsView,
  ) {
    replaceChildren(root, h('p', { class: 'muted' }, 'Loading the change report…'), problems.element);
  }

  load(record: ImproveRecord): void {
    this.record = record;
    this.busy = false;
    this.root.dataset.state = record.state;
    replaceChildren(this.root, ...this.draw(record));
  }

  private draw(record: ImproveRecord): Child[] {
    const report = record.report;
    return [
      h(
        'header',
        { class: 'report-header' },
        h('h1', {}, report?.title ?? `Improve: ${record.goal}`),
        h('span', { class: `badge state state-${record.state}` }, improveStateWords[record.state]),
        h('p', { class: 'muted report-ask' }, `Goal: ${record.goal} · Scope: ${record.scope.join(', ')}${record.target === 'agents' ? ' · The team\'s own definitions' : ''}`),
        report && h('p', { class: 'muted report-branch' }, `Branch ${report.branch} from ${report.base.slice(0, 10)}`),
      ),
      this.problems.element,
      this.decisionBar(record),
      report && report.dirtyInScope.length > 0 && dirtyWarning(report.dirtyInScope),
      report ? h('section', { 'aria-label': 'Summary' }, h('h2', {}, 'Summary'), h('p', { class: 'summary' }, report.summary)) : record.error && h('p', { class: 'error-text' }, record.error),
      report && this.filesSection(report),
      report && gatesSection(report.gates),
      report && report.protectedAttempts.length > 0 && protectedSection(report.protectedAttempts),
      report && listSection('Risks', 'risks', report.risks, 'No risks were named.'),
      report && listSection('Not checked', 'not-checked', report.notChecked, 'Every gate ran.'),
      h('p', { class: 'trace-link' }, button('Open the trace of this improvement', () => void this.actions.ask('open the trace', improveOpenTrace, {}), { class: 'link-button', id: 'open-trace' })),
    ];
  }

  private decisionBar(record: ImproveRecord): HTMLElement {
    const decision = decisionOf(record);
    const undecided = record.state === 'ready' || record.state === 'blocked';
    const keep = h('input', { type: 'checkbox', id: 'keep-branch' });
    return h(
      'section',
      { class: 'decision', 'aria-label': 'Decision' },
      decision.canAccept
        ? h('p', { class: 'offered' }, 'Every gate passed. Accept brings the change into your working tree as a change set, to review hunk by hunk.')
        : h('p', { class: 'not-offered', role: 'status' }, decision.why),
      h(
        'div',
        { class: 'decision-buttons' },
        decision.canAccept && button('Accept', () => void this.accept(), { class: 'primary', id: 'accept' }),
        undecided && button('Reject', () => void this.reject(keep.checked), { class: 'secondary', id: 'reject' }),
        undecided && h('label', { class: 'keep-branch', for: 'keep-branch' }, keep, ' Keep the branch for inspection'),
      ),
    );
  }

  private filesSection(report: ImproveReport): HTMLElement {
    const rows = report.files.map((file) =>
      h(
        'li',
        { class: `file change-${file.change}` },
        button(`Open the diff of ${file.path}`, () => void this.actions.ask(`open ${file.path}`, improveOpenFile, { path: file.path }), { class: 'link-button file-path' }, file.path),
        h('span', { class: 'muted file-size' }, ` ${file.change} · ${changeSize(file)}`),
        h('p', { class: 'file-why' }, file.why),
      ),
    );
    return h('section', { 'aria-label': 'Changed files' }, h('h2', {}, `Changed files (${report.files.length})`), rows.length > 0 ? h('ul', { class: 'files' }, ...rows) : h('p', { class: 'muted' }, 'No file changed.'));
  }

  private async accept(): Promise<void> {
    if (this.busy || !this.record) return;
    this.busy = true;
    const accepted = await this.actions.ask('accept the change', improveAcceptChange, {});
    // The extension sends the record again once decided; a refusal leaves the bar as it was.
    if (!accepted) this.busy = false;
  }

  private async reject(keepBranch: boolean): Promise<void> {
    if (this.busy || !this.record) return;
    this.busy = true;
    const rejected = await this.actions.ask('reject the change', improveRejectChange, { keepBranch });
    if (!rejected) this.busy = false;
  }
}

function dirtyWarning(paths: readonly string[]): HTMLElement {
  return h(
    'section',
    { class: 'dirty-warning', role: 'note', 'aria-label': 'Uncommitted work in the scope' },
    h('strong', {}, 'Uncommitted work in the scope. '),
    'The improvement started from your last commit (HEAD), without your uncommitted changes to: ',
    h('span', { class: 'paths' }, paths.join(', ')),
    '. Accepting brings its hunks into your working tree against those files as they are now.',
  );
}

function gatesSection(gates: readonly GateRecord[]): HTMLElement {
  return h('section', { 'aria-label': 'Gates' }, h('h2', {}, 'Gates'), gates.length > 0 ? h('ol', { class: 'gates' }, ...gates.map(gateView)) : h('p', { class: 'muted' }, 'No gate ran.'));
}

function gateView(gate: GateRecord): HTMLElement {
  const evidence = gate.evidence.trim();
  return h(
    'li',
    { class: `gate gate-${gate.status}`, 'data-gate': gate.gate },
    h('div', { class: 'gate-head' }, h('span', { class: `badge status status-${gate.status}` }, gateStatusWords[gate.status]), h('strong', {}, ` ${gate.title}`), h('span', {}, ` — ${gate.summary}`)),
    h('p', { class: 'muted gate-facts' }, gateFacts(gate)),
    evidence !== '' &&
      h(
        'details',
        { class: 'evidence', open: !isLongEvidence(evidence) },
        h('summary', {}, `Evidence (${lineCount(evidence)}${gate.trimmed ? ', its decisive part' : ''})`),
        h('pre', { class: 'evidence-text' }, evidence),
      ),
    gate.logFile !== undefined && h('p', { class: 'muted' }, `The whole output: ${gate.logFile}`),
  );
}

function lineCount(text: string): string {
  const lines = text.split('\n').length;
  return lines === 1 ? '1 line' : `${lines} lines`;
}

function protectedSection(attempts: readonly ProtectedAttempt[]): HTMLElement {
  return h(
    'section',
    { class: 'protected', 'aria-label': 'Protected paths' },
    h('h2', {}, `Refused writes to protected paths (${attempts.length})`),
    h(
      'ul',
      {},
      ...attempts.map((attempt) => h('li', { class: 'problem protected-attempt' }, h('strong', {}, attempt.path), ` — ${attempt.agent} (${attempt.via === 'command' ? 'through a command' : 'in its proposal'}): ${attempt.reason}`)),
    ),
  );
}

function listSection(title: string, className: string, items: readonly string[], empty: string): HTMLElement {
  return h('section', { class: className, 'aria-label': title }, h('h2', {}, title), items.length > 0 ? h('ul', {}, ...items.map((item) => h('li', {}, item))) : h('p', { class: 'muted' }, empty));
}
