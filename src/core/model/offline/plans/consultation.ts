/**
 * The runtime's consultations, answered the same way by every offline agent: no opinion it cannot
 * back (abstain), the owner's outcome kept with a factual answer to each dissent, and no ruling —
 * the offline model does not arbitrate, so a real disagreement reaches the person.
 */
import { act, submit, type OfflineStep } from '../step';

interface Decision {
  readonly kind: string;
  readonly outcome: string;
  readonly rationale: string;
}

export function abstainStep(agent: string, decision: Decision): OfflineStep {
  return act('Opinion: abstain.', submit('Opinion', { stance: 'abstain', reason: `[offline] ${agent} has no offline check for ${decision.kind}; it neither supports nor opposes "${decision.outcome}".` }));
}

export function dissentAnswerStep(decision: Decision, dissents: readonly { agent: string; reason: string }[]): OfflineStep {
  const answers = dissents.map((dissent) => ({
    agent: dissent.agent,
    answer: `[offline] Keeping "${decision.outcome}": it rests on the checks stated in its rationale (${decision.rationale}). The offline model cannot weigh "${dissent.reason}" against them; if it stands, the person decides.`,
  }));
  return act(`Keeping "${decision.outcome}" and answering ${dissents.length} dissent(s).`, submit('DissentAnswer', { outcome: decision.outcome, answers }));
}

export function rulingStep(decision: Decision, opinions: readonly { agent: string; stance: string }[]): OfflineStep {
  const sides = opinions.map((opinion) => `${opinion.agent}: ${opinion.stance}`).join(', ');
  return act('No ruling: the person decides.', submit('Ruling', {
    ruling: 'undecided',
    rationale: `[offline] The offline model does not arbitrate; the person decides. Decision ${decision.kind}: "${decision.outcome}" (${sides}).`,
  }));
}
