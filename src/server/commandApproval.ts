/**
 * How the server asks the person before an agent runs a command the allowlist does not let run
 * there. Nova's extension announced (initializationOptions `commandApproval: true`) that it answers
 * `nova/command.approve` (a modal, or the chat's card); any other editor is never sent a blocking
 * request: the command is refused, the model is told the person was not asked, and the person hears
 * it in a `window/showMessage` notification.
 */
import { inertText } from '../core/inertText';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import type { ApprovalOutcome, CommandApproval } from '../core/tools/commandApproval';
import { commandApprove, type CommandApprovalParams } from '../protocol/approval';
import { askClient } from './clientQuestion';

/** What the model is told when the editor cannot ask the person. */
export const cannotAskReason = "this editor cannot show Nova's approval";

/** The `approve` of a run's command policy, for a client that can (or cannot) answer approvals. */
export function commandApprover(connection: Connection, clientAnswers: boolean): RunApprover {
  return clientAnswers ? (runId, request, signal) => ask(connection, { ...request, runId }, signal) : (_runId, request) => Promise.resolve(refuseUnasked(connection, request));
}

/** Asks about one command of run `runId`. */
export type RunApprover = (runId: string, request: CommandApproval, signal: AbortSignal) => Promise<ApprovalOutcome>;

async function ask(connection: Connection, request: CommandApprovalParams, signal: AbortSignal): Promise<ApprovalOutcome> {
  const reply = await askClient(connection, commandApprove, request, signal);
  switch (reply.kind) {
    case 'answered':
      return { answer: reply.answer };
    case 'cancelled':
      return { answer: 'deny' };
    case 'invalid':
      connection.console.warn(`${commandApprove.method}: the editor answered with an invalid result (${reply.issues.join('; ')}); the command did not run.`);
      return { answer: 'deny' };
    case 'failed':
      connection.console.warn(`${commandApprove.method} failed (${reply.message}); the command did not run.`);
      return { answer: 'not-asked', reason: `the editor did not answer Nova's approval request (${reply.message})` };
  }
}

function refuseUnasked(connection: Connection, request: CommandApproval): ApprovalOutcome {
  const where = request.cwd === '.' ? 'the workspace folder' : request.cwd;
  const message =
    `Nova refused to run a command without asking you: ${cannotAskReason}. ` +
    `Agent ${request.agent} wanted to run ${request.visibleCommand.replace(/\n/g, ' ')} in ${where}. ` +
    "A command on the allowlist (nova/session.configure's commandAllowlist) runs without asking in a workspace folder's root, or in the folder its entry names.";
  void connection.sendNotification(ShowMessageNotification.method, { type: MessageType.Warning, message: inertText(message) });
  return { answer: 'not-asked', reason: cannotAskReason };
}
