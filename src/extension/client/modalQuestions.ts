/**
 * The person's questions when no chat card can take them (a run the chat did not start, or no
 * chat view is open): the command-approval modal (commandApproval.ts) and, for an escalation, a
 * modal that lists the options the team disagreed on. Dismissing either is the cautious answer.
 */
import * as vscode from 'vscode';
import type { DecisionAnswer, PersonQuestions } from '../personQuestions';
import { askToRunCommand } from './commandApproval';

export const modalQuestions: PersonQuestions = {
  approveCommand: (params) => askToRunCommand(params),
  decide: async ({ escalation }) => {
    const detail = [
      `${escalation.decision.owner} decided ${escalation.decision.kind}: ${escalation.decision.outcome} — ${escalation.decision.rationale}`,
      ...escalation.opinions.map((opinion) => `${opinion.agent} (${opinion.stance}): ${opinion.reason}`),
    ].join('\n');
    // Options beyond what a modal can show are still offered, through a Quick Pick.
    if (escalation.options.length <= 4) {
      const choice = await vscode.window.showWarningMessage(`Nova's team asks you: ${escalation.question}`, { modal: true, detail }, ...escalation.options);
      return choice === undefined ? { dismissed: true } : { option: choice };
    }
    const picked = await vscode.window.showQuickPick(escalation.options, { title: `Nova's team asks you: ${escalation.question}`, placeHolder: detail.split('\n')[0], ignoreFocusOut: true });
    const answer: DecisionAnswer = picked === undefined ? { dismissed: true } : { option: picked };
    return answer;
  },
};
