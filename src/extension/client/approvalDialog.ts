/**
 * The text of the command-approval modal, kept apart from the `vscode` call so it can be checked in
 * Node: the question names the agent and the folder; the detail is the command exactly as the
 * server made it visible, what was made visible, and how to read it.
 */
import type { CommandApproval } from '../../protocol/approval';

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
