/**
 * Answers the server's questions to the person (nova/command.approve, nova/decision.ask) through
 * whichever `PersonQuestions` currently asks — the chat view while it is open, else the modal
 * dialogs — and applies the rules that hold whoever asks: no command runs in Restricted Mode, and a
 * command allowed "always" is remembered for this workspace (then sent in the allowlist).
 */
import * as vscode from 'vscode';
import { commandApprove } from '../../protocol/approval';
import { decisionAsk } from '../../protocol/decision';
import type { PersonQuestions } from '../personQuestions';
import { modalQuestions } from './modalQuestions';
import type { NovaServer } from './server';
import { rememberCommand } from './workspaceCommands';

/** Registers both answers on `server`; returns the seam a view uses to take over asking (undefined: the modals again). */
export function registerPersonAnswers(context: vscode.ExtensionContext, server: NovaServer, log: vscode.LogOutputChannel): (questions: PersonQuestions | undefined) => void {
  let asking: PersonQuestions = modalQuestions;
  server.answer(commandApprove, async (request, token) => {
    // The server should not ask then, but the editor decides.
    if (!vscode.workspace.isTrusted) return 'deny';
    const answer = await asking.approveCommand(request, token);
    if (answer === 'always' && request.allowlistEntry && vscode.workspace.isTrusted) {
      await rememberCommand(context.workspaceState, request.allowlistEntry).catch((error: unknown) => log.warn(`Nova could not remember the command for this workspace: ${String(error)}`));
    }
    return answer;
  });
  server.answer(decisionAsk, (params, token) => asking.decide(params, token));
  return (questions) => {
    asking = questions ?? modalQuestions;
  };
}
