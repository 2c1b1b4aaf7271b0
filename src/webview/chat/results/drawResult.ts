/**
 * Draws a turn's results and how it ended: each result as its contract (resultView.ts chose which),
 * the stuck report of a run that stopped (which agent, which handoff, why, what it spent), and the
 * outcome line (cancelled, unsupported, failed, escalated said plainly).
 */
import type { Turn } from '../../../protocol/webview/transcript';
import { h } from '../../shared/dom';
import { jsonDetails } from '../json';
import { outcomeOf, stopReasonText, type StuckReport } from '../outcome';
import type { PageServices } from '../services';
import { formatCost, formatTokens } from '../usage';
import { answerView } from './answer';
import { changeReportView, gateReportView } from './changeReport';
import { findingListView, verdictView } from './findings';
import { planView } from './plan';
import { proposalCard } from './proposalCard';
import { resultViews, type ResultView } from './resultView';

export function drawResult(view: ResultView, services: PageServices): HTMLElement {
  switch (view.kind) {
    case 'answer':
      return answerView(view);
    case 'verdict':
      return verdictView(view);
    case 'findings':
      return findingListView(view);
    case 'plan':
      return planView(view);
    case 'proposal':
      return proposalCard(view, services);
    case 'report':
      return changeReportView(view);
    case 'gates':
      return gateReportView(view);
    case 'json':
      return h(
        'section',
        { class: 'result unknown-result', 'aria-label': `${view.contract} from ${view.agent}` },
        h('div', { class: 'result-title' }, `${view.agent} returned ${view.contract}`, view.problem && h('span', { class: 'muted' }, ` — shown as data: ${view.problem}`)),
        jsonDetails('The payload', view.payload),
      );
  }
}

export function stuckView(stuck: StuckReport): HTMLElement {
  return h(
    'section',
    { class: 'result stuck', 'aria-label': `Stopped: ${stopReasonText[stuck.reason]}` },
    h('div', { class: 'result-title' }, 'Why the run stopped'),
    h(
      'dl',
      { class: 'stuck-facts' },
      h('dt', {}, 'Agent'),
      h('dd', {}, h('span', { class: 'agent-name' }, stuck.agent)),
      h('dt', {}, 'Handoff'),
      h('dd', {}, stuck.handoff ? `${stuck.handoff.from} → ${stuck.handoff.to} · ${stuck.handoff.contract}` : 'none (inside the agent’s own work)'),
      h('dt', {}, 'Why'),
      h('dd', {}, `${stopReasonText[stuck.reason]}: ${stuck.detail}`),
      h('dt', {}, 'Spent'),
      h('dd', {}, `${stuck.steps} steps · ${formatTokens(stuck.tokens)} · ${formatCost(stuck.costUsd)}`),
    ),
  );
}

/** Everything that ends a turn: results, stuck report, outcome line. Empty while it runs. */
export function drawTurnEnd(turn: Turn, services: PageServices): HTMLElement[] {
  if (turn.status === 'running') return [];
  const parts = resultViews(turn).map((view) => drawResult(view, services));
  // A stopped run's stuck report says all its outcome line would; an unsupported request's line says all its report would.
  const stuck = turn.stuck && turn.status !== 'unsupported' ? turn.stuck : undefined;
  if (stuck) parts.push(stuckView(stuck));
  const outcome = outcomeOf(turn);
  if (outcome && !(stuck && turn.status === 'stopped')) parts.push(h('div', { class: `outcome tone-${outcome.tone}`, role: 'status' }, outcome.text));
  return parts;
}
