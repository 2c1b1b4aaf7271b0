/**
 * The default way the extension asks the person what the server asks mid-run, when no view (the
 * chat) has taken over: a modal for a command (not a toast, which truncates) showing the exact
 * command as the server made it visible, its folder and the agent; a quick pick for an escalated
 * decision, listing the options with each side's reasons. Only an explicit choice counts: closing
 * the dialog denies the command, Escape leaves the decision escalated.
 */
import * as vscode from 'vscode';
import type { ApprovalAnswer, CommandApproval } from '../../protocol/approval';
import type { DecisionAnswer, DecisionAskParams } from '../../protocol/decision';
import type { PersonQuestions } from '../personQuestions';
import { approvalDialog } from './approvalDialog';
import { decisionChoices, decisionPrompt } from './decisionChoices';

const runChoice = 'Run';
const dontRunChoice = "Don't run";
const alwaysChoice = 'Always allow in this workspace';

async function approveCommand(request: CommandApproval): Promise<ApprovalAnswer> {
  const { message, detail } = approvalDialog(request);
  // "Don't run" first: the default button, so Enter never runs a command the person did not read.
  const choices = request.allowlistEntry ? [dontRunChoice, runChoice, alwaysChoice] : [dontRunChoice, runChoice];
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...choices);
  return choice === runChoice ? 'run' : choice === alwaysChoice ? 'always' : 'deny';
}

async function decide(params: DecisionAskParams, token: vscode.CancellationToken): Promise<DecisionAnswer> {
  const { title, placeholder } = decisionPrompt(params);
  const picked = await vscode.window.showQuickPick(decisionChoices(params), { title, placeHolder: placeholder, ignoreFocusOut: true, matchOnDetail: true }, token);
  if (!picked) return { dismissed: true };
  const reason = await vscode.window.showInputBox(
    { title, prompt: `Why "${picked.label}"? Optional: recorded as the decision's rationale (Enter with nothing, or Escape, records none).`, ignoreFocusOut: true },
    token,
  );
  return reason?.trim() ? { option: picked.option, reason: reason.trim() } : { option: picked.option };
}

/** The modal dialogs and quick pick. */
export const modalQuestions: PersonQuestions = { approveCommand, decide };
