/** Advisors' opinions on a decision: who, their stance, what they suggest, and why. */
import { h } from '../../shared/dom';

/** One opinion as decisions and escalations carry it. */
export interface OpinionShape {
  readonly agent: string;
  readonly stance: string;
  readonly reason: string;
  readonly suggestedOutcome?: string | undefined;
}

const stanceText: Record<string, string> = { support: 'supports', oppose: 'opposes', abstain: 'abstains' };

/** The list; `dissenting` names those whose opposition still stands. */
export function opinionList(opinions: readonly OpinionShape[], label: string, dissenting: ReadonlySet<string> = new Set()): HTMLElement | undefined {
  if (opinions.length === 0) return undefined;
  return h(
    'ul',
    { class: 'opinions', 'aria-label': label },
    ...opinions.map((opinion) =>
      h(
        'li',
        { class: `opinion stance-${opinion.stance}` },
        h('span', { class: 'agent-name' }, opinion.agent),
        ` ${stanceText[opinion.stance] ?? opinion.stance}`,
        opinion.suggestedOutcome ? ` (suggests “${opinion.suggestedOutcome}”)` : '',
        dissenting.has(opinion.agent) && h('span', { class: 'badge dissent' }, 'dissent stands'),
        `: ${opinion.reason}`,
      ),
    ),
  );
}
