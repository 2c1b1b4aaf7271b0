/**
 * The person's side of `nova/command.approve`: a modal (not a toast, which truncates) that shows the
 * exact command as the server made it visible, the folder it would run in and the agent asking.
 * Only an explicit "Run" runs it; closing the dialog, Escape or Cancel deny.
 */
import * as vscode from 'vscode';
import type { ApprovalAnswer, CommandApproval } from '../../protocol/approval';

const runChoice = 'Run';

/** The dialog's text: the question, then the command and what was made visible. */
export function approvalDialog(request: CommandApproval): { message: string; detail: string } {
  const where = request.cwd === '.' ? `the root of the workspace folder "${request.folder}"` : `"${request.cwd}" in the workspace folder "${request.folder}"`;
  const message = `Nova's ${request.agent} agent wants to run a command in ${where}. Run it?`;
  const detail = [
    request.visibleCommand,
    '',
    ...(request.hidden.length > 0 ? [`Made visible: ${request.hidden.join('; ')}.`] : []),
    ...(request.allowlistedElsewhere ? ["This command is on your allowlist, but only for a workspace folder's root or the folder its entry names — not this one."] : []),
    'Shown exactly as it would run: ␠ marks extra spaces, \\t \\n \\r \\xHH control characters, <U+XXXX> invisible or direction-changing characters.',
  ].join('\n');
  return { message, detail };
}

/** Asks with a modal; never in Restricted Mode (the server should not ask then, but the editor decides). */
export async function askToRunCommand(request: CommandApproval): Promise<ApprovalAnswer> {
  if (!vscode.workspace.isTrusted) return 'deny';
  const { message, detail } = approvalDialog(request);
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, runChoice);
  return choice === runChoice ? 'run' : 'deny';
}
