/**
 * The person's side of `nova/command.approve`: a modal (not a toast, which truncates) that shows the
 * exact command as the server made it visible, the folder it would run in and the agent asking.
 * Only an explicit "Run" runs it; closing the dialog, Escape or Cancel deny.
 */
import * as vscode from 'vscode';
import type { ApprovalAnswer, CommandApproval } from '../../protocol/approval';
import { approvalDialog } from './approvalDialog';

const runChoice = 'Run';
const dontRunChoice = "Don't run";

/** Asks with a modal; never in Restricted Mode (the server should not ask then, but the editor decides). */
export async function askToRunCommand(request: CommandApproval): Promise<ApprovalAnswer> {
  if (!vscode.workspace.isTrusted) return 'deny';
  const { message, detail } = approvalDialog(request);
  // "Don't run" first: the default button, so Enter never runs a command the person did not read.
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, dontRunChoice, runChoice);
  return choice === runChoice ? 'run' : 'deny';
}
