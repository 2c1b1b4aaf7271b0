/**
 * How the server asks the person before an agent runs a command the allowlist does not let run
 * there. Nova's extension announced (initializationOptions `commandApproval: true`) that it answers
 * `nova/command.approve` with a modal; any other editor is never sent a blocking request: the command
 * is refused, the model is told the person was not asked, and the person hears it in a
 * `window/showMessage` notification.
 */
import { inertText } from '../core/inertText';
import { CancellationTokenSource, MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import type { ApprovalOutcome, CommandApproval } from '../core/tools/commandApproval';
import { commandApprove } from '../protocol/approval';
import { check } from '../protocol/message';

const runCancelled = Symbol('run cancelled');

/** What the model is told when the editor cannot ask the person. */
export const cannotAskReason = "this editor cannot show Nova's approval";

/** The `approve` of a run's command policy, for a client that can (or cannot) answer approvals. */
export function commandApprover(connection: Connection, clientAnswers: boolean): (request: CommandApproval, signal: AbortSignal) => Promise<ApprovalOutcome> {
  return clientAnswers ? (request, signal) => ask(connection, request, signal) : (request) => Promise.resolve(refuseUnasked(connection, request));
}

async function ask(connection: Connection, request: CommandApproval, signal: AbortSignal): Promise<ApprovalOutcome> {
  if (signal.aborted) return { answer: 'deny' };
  const cancel = new CancellationTokenSource();
  let onAbort = (): void => {};
  // The dialog may stay open after the run was cancelled; the run stops waiting for it at once.
  const aborted = new Promise<typeof runCancelled>((resolve) => {
    onAbort = () => {
      cancel.cancel();
      resolve(runCancelled);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const raw: unknown = await Promise.race([connection.sendRequest(commandApprove.method, request, cancel.token), aborted]);
    if (raw === runCancelled) return { answer: 'deny' };
    const checked = check(commandApprove.result, raw);
    if (checked.ok) return { answer: checked.value };
    connection.console.warn(`${commandApprove.method}: the editor answered with an invalid result (${checked.issues.join('; ')}); the command did not run.`);
    return { answer: 'deny' };
  } catch (error) {
    if (signal.aborted) return { answer: 'deny' };
    const message = error instanceof Error ? error.message : String(error);
    connection.console.warn(`${commandApprove.method} failed (${message}); the command did not run.`);
    return { answer: 'not-asked', reason: `the editor did not answer Nova's approval request (${message})` };
  } finally {
    signal.removeEventListener('abort', onAbort);
    cancel.dispose();
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
