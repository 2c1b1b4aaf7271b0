/**
 * A decision as the team settled it: its kind, the one agent that owns it, the outcome that stands,
 * how it was settled, and every advisor's stance with its reason (dissent that still stands marked).
 */
import type { DecisionRecord } from '../../../core/contracts/decision';
import { h } from '../../shared/dom';
import { opinionList } from './opinions';
import { provenanceBadge } from './provenance';

/** How a decision was settled, in words. Unknown ways (a newer core) are shown as they are named. */
export function settledText(settledBy: string, rounds: number): string {
  const after = rounds > 0 ? ` after ${rounds} round${rounds === 1 ? '' : 's'}` : '';
  switch (settledBy) {
    case 'unopposed':
      return 'settled unopposed: no advisor opposed';
    case 'owner':
      return `settled by the owner, who answered the dissent${after}`;
    case 'arbiter':
      return `settled by the arbiter's ruling${after}`;
    case 'escalated':
      return 'escalated to you: the team could not settle it';
    case 'person':
      return 'settled by you';
    case 'ownership':
      return "settled by ownership: the owner's outcome stands, the dissent is recorded (not argued)";
    default:
      return `settled: ${settledBy}`;
  }
}

export function decisionView(decision: DecisionRecord): HTMLElement {
  const revised = decision.proposedOutcome && decision.proposedOutcome !== decision.outcome ? ` (first proposed: ${decision.proposedOutcome})` : '';
  const dissenting = new Set(decision.dissent.map((opinion) => opinion.agent));
  return h(
    'section',
    { class: `entry decision settled-${decision.settledBy}`, 'aria-label': `Decision ${decision.kind}: ${decision.outcome}` },
    h(
      'div',
      { class: 'decision-head' },
      h('span', { class: 'decision-label' }, 'Decision '),
      h('code', {}, decision.kind),
      ' · owner ',
      h('span', { class: 'agent-name' }, decision.owner),
      ' ',
      provenanceBadge(decision.ownerProvenance),
    ),
    h('div', { class: 'decision-outcome' }, 'Outcome: ', h('strong', {}, decision.outcome), revised),
    h('div', { class: 'decision-settled' }, settledText(decision.settledBy, decision.rounds)),
    decision.rationale && h('p', { class: 'decision-rationale' }, decision.rationale),
    opinionList(decision.opinions, 'Advisors', dissenting),
  );
}
