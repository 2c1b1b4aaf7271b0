/**
 * A decision the team could not settle, put to the person: the question, the decision as its owner
 * stated it, each side's stance and reason, the options as buttons and an optional reason. The
 * person's answer settles the decision. Answered, dismissed or expired: the card says which.
 */
import { chatAnswerEscalation } from '../../../protocol/webview/chat';
import type { Entry, EscalationCardAnswer } from '../../../protocol/webview/transcript';
import { button, h } from '../../shared/dom';
import { pending, setPending } from './pendingButtons';
import type { PageServices } from '../services';
import { opinionList } from './opinions';

type EscalationEntry = Extract<Entry, { kind: 'escalation' }>;

function answerText(answer: EscalationCardAnswer): string {
  if ('option' in answer) return `You chose “${answer.option}”${answer.reason ? `: ${answer.reason}` : '.'}`;
  if ('dismissed' in answer) return 'You dismissed the question; the decision stays unsettled.';
  return 'Not answered: the run ended before you answered.';
}

let reasonIds = 0;

export function escalationCard(turnId: string, entry: EscalationEntry, services: PageServices): HTMLElement {
  const { escalation } = entry;
  const card = h(
    'section',
    { class: 'entry card escalation', role: 'group', 'aria-label': `The team asks you: ${escalation.question}` },
    h('div', { class: 'card-title' }, 'The team could not settle this; it is yours to decide.'),
    h('p', { class: 'question' }, h('strong', {}, escalation.question)),
    h(
      'div',
      { class: 'decision-statement' },
      h('code', {}, escalation.decision.kind),
      ' · owner ',
      h('span', { class: 'agent-name' }, escalation.decision.owner),
      ` proposes “${escalation.decision.outcome}”: ${escalation.decision.rationale}`,
    ),
    opinionList(escalation.opinions, 'What each side said'),
  );
  const requestId = entry.requestId;
  if (requestId === undefined) {
    card.append(h('div', { class: 'card-answer' }, 'The run ended escalated before the question could be put to you; ask again to decide it.'));
    return card;
  }
  const answered = entry.answer;
  const chosen = answered && 'option' in answered ? answered.option : undefined;
  const reasonId = `escalation-reason-${++reasonIds}`;
  const reason = h('textarea', { id: reasonId, class: 'reason', rows: 2, placeholder: 'Why (optional)', disabled: answered !== undefined });
  const buttons: HTMLButtonElement[] = [];
  const answer = async (picked: { option: string } | { dismissed: true }) => {
    if (answered || pending(buttons)) return;
    setPending(buttons, true);
    const why = reason.value.trim();
    const sent = 'option' in picked && why ? { option: picked.option, reason: why } : picked;
    const done = await services.actions.ask('answer the question', chatAnswerEscalation, { turnId, requestId, answer: sent });
    if (done === undefined) setPending(buttons, false);
  };
  const disabled = answered !== undefined;
  buttons.push(...escalation.options.map((option) => button(option, () => void answer({ option }), { class: `primary option${chosen === option ? ' chosen' : ''}`, disabled })));
  buttons.push(button('Dismiss', () => void answer({ dismissed: true }), { class: 'secondary', 'aria-label': 'Dismiss the question', disabled }));
  // Answered, dismissed or expired: the answer is said, the controls stay, disabled.
  if (answered) card.append(h('div', { class: 'card-answer' }, answerText(answered)));
  else card.append(h('label', { class: 'reason-label', for: reasonId }, 'Your reason (optional, recorded with the decision)'), reason);
  card.append(h('div', { class: 'card-actions' }, ...buttons));
  return card;
}
