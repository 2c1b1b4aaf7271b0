/**
 * The card of an improvement `/improve` started: the goal, where the run is (the phase under way)
 * or how it ended, each gate's outcome as the gate recorded it, and "Open the change report" (the
 * report panel, where the evidence is and where the change is accepted or rejected).
 */
import { chatOpenImprovement, chatOpenTrace } from '../../../protocol/webview/chat';
import { gateLine, improvePhaseWords, improveStateWords } from '../../../protocol/webview/improve';
import type { Entry } from '../../../protocol/webview/transcript';
import { button, h } from '../../shared/dom';
import type { PageServices } from '../services';

type ImprovementEntry = Extract<Entry, { kind: 'improvement' }>;

/** What, when it changes, draws the card again. */
export function improvementKey(entry: ImprovementEntry): string {
  const { card } = entry;
  return `improvement:${card.state}:${card.phase ?? ''}:${card.gates.map((gate) => gate.status).join(',')}:${card.title ?? ''}`;
}

export function improvementCard(turnId: string, entry: ImprovementEntry, services: PageServices): HTMLElement {
  const { card } = entry;
  const running = card.state === 'running';
  const reported = !running && card.state !== 'cancelled';
  return h(
    'div',
    { class: `entry card improvement improvement-${card.state}`, role: 'group', 'aria-label': `Improvement: ${card.goal}` },
    h('div', { class: 'card-title' }, h('strong', {}, card.title ?? `Improve: ${card.goal}`), ' ', h('span', { class: 'badge' }, improveStateWords[card.state])),
    running && card.phase && h('div', { class: 'muted improvement-phase', role: 'status' }, `${improvePhaseWords[card.phase]}…`),
    card.gates.length > 0 && h('ul', { class: 'improvement-gates' }, ...card.gates.map((gate) => h('li', { class: `gate-${gate.status}` }, gateLine(gate)))),
    card.error && h('div', { class: 'notice-error' }, card.error),
    !running && card.offered === false && card.state === 'blocked' && h('div', { class: 'muted' }, 'Nothing is offered for acceptance: not every gate passed.'),
    h(
      'div',
      { class: 'card-actions' },
      reported && button('Open the change report', () => void services.actions.ask('open the change report', chatOpenImprovement, { turnId }), { class: 'primary' }),
      button('Open trace', () => void services.actions.ask('open the trace', chatOpenTrace, { turnId }), { class: 'link-button' }),
    ),
  );
}
