/**
 * The text of the escalation quick pick, kept apart from the `vscode` call so it can be checked in
 * Node: one choice per option, each with who stands for it and why, and who opposes it and why —
 * the person decides between the agents' reasons, not between bare words. What the agents wrote is
 * shown as text: control and hidden characters made visible, and no `$(icon)` syntax.
 */
import { inertText } from '../../core/inertText';
import type { DecisionAskParams } from '../../protocol/decision';

/** One option as the quick pick lists it. */
export interface DecisionChoice {
  readonly option: string;
  readonly label: string;
  readonly description: string;
  readonly detail: string;
}

/** Agent text as a quick pick shows it: one line, inert, no codicon syntax. */
function shown(text: string): string {
  return inertText(text).replace(/\s+/g, ' ').replace(/\$\(/g, '$ (').trim();
}

/** The choices, in the escalation's order of options. */
export function decisionChoices({ escalation }: Pick<DecisionAskParams, 'escalation'>): DecisionChoice[] {
  const { decision, opinions } = escalation;
  return escalation.options.map((option) => {
    const owners = option === decision.outcome;
    const suggestedBy = opinions.filter((opinion) => opinion.stance === 'oppose' && opinion.suggestedOutcome === option);
    const reasons = [
      ...(owners ? [`${decision.owner} (owner): ${decision.rationale}`] : []),
      ...(owners ? opinions.filter((opinion) => opinion.stance === 'support').map((opinion) => `${opinion.agent} supports: ${opinion.reason}`) : []),
      ...suggestedBy.map((opinion) => `${opinion.agent}: ${opinion.reason}`),
      ...(owners ? opinions.filter((opinion) => opinion.stance === 'oppose').map((opinion) => `${opinion.agent} opposes: ${opinion.reason}`) : []),
    ];
    const description = [owners ? `${decision.owner}'s decision` : '', suggestedBy.length > 0 ? `suggested by ${suggestedBy.map((opinion) => opinion.agent).join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    return { option, label: shown(option), description: shown(description), detail: shown(reasons.join(' · ') || 'No agent argued for this option.') };
  });
}

/** The quick pick's title and prompt: the question, and why the last answer was refused if it was. */
export function decisionPrompt(params: DecisionAskParams): { title: string; placeholder: string } {
  const refused = params.refused ? `Your answer was refused: ${shown(params.refused)}. ` : '';
  return { title: `Nova: ${shown(params.escalation.question)}`, placeholder: `${refused}Choose the outcome that stands (Escape leaves it undecided and the run ends escalated)` };
}
