/** A ChangeReport (what changed and why, each gate's evidence, the risks) and a GateReport. */
import { visibleCommand } from '../../../protocol/webview/contracts';
import { h } from '../../shared/dom';
import { locationLink } from '../locationLink';
import { risks } from './plan';
import type { ResultView } from './resultView';

type Gate = { readonly name: string; readonly status: string; readonly evidence: string; readonly command?: string | undefined };

function gateList(gates: readonly Gate[]): HTMLElement {
  return h(
    'ul',
    { class: 'gates', 'aria-label': 'Gates' },
    ...gates.map((gate) =>
      h(
        'li',
        { class: `gate gate-${gate.status}` },
        h('span', { class: 'badge gate-status' }, gate.status),
        ` ${gate.name}`,
        // Shown as the approval card shows commands: a tab or a hidden character cannot pass for a space.
        gate.command && h('code', { class: 'muted' }, ` ${visibleCommand(gate.command).text}`),
        gate.evidence && h('details', { class: 'evidence' }, h('summary', {}, 'Evidence'), h('pre', {}, gate.evidence)),
      ),
    ),
  );
}

export function changeReportView(view: Extract<ResultView, { kind: 'report' }>): HTMLElement {
  const { value } = view;
  return h(
    'section',
    { class: 'result change-report', 'aria-label': `Change report: ${value.title}` },
    h('div', { class: 'result-title' }, h('strong', {}, value.title), h('span', { class: 'muted' }, ` · by ${view.agent}`)),
    h('ul', { class: 'what-changed' }, ...value.whatChanged.map((change) => h('li', {}, locationLink({ path: change.path }), ` ${change.summary}`))),
    h('p', {}, value.why),
    value.gates.length > 0 && gateList(value.gates),
    risks(value.risks),
  );
}

export function gateReportView(view: Extract<ResultView, { kind: 'gates' }>): HTMLElement {
  return h('section', { class: `result gate-report gates-${view.value.overall}`, 'aria-label': `Gates ${view.value.overall}` }, h('div', { class: 'result-title' }, `Gates ${view.value.overall}`), gateList(view.value.gates));
}
