/**
 * How the extension answers what the server asks the person mid-run: a command approval
 * (nova/command.approve) and an escalated decision (nova/decision.ask). One small interface, so
 * whoever can ask best answers: the chat view's cards while it is open, else modal dialogs and a
 * quick pick (src/extension/client/modalQuestions.ts). Types only: this file is in the activation
 * bundle, the implementations in the server bundle.
 */
import type * as vscode from 'vscode';
import type { ApprovalAnswer, CommandApprovalParams } from '../protocol/approval';
import type { DecisionAnswer, DecisionAskParams } from '../protocol/decision';

export interface PersonQuestions {
  /**
   * Whether the agent may run the command: `run` once, `deny`, or `always` (only offered when the
   * approval has an `allowlistEntry`; the extension then remembers it for this workspace). The
   * token is cancelled when the run no longer waits for the answer.
   */
  approveCommand(params: CommandApprovalParams, token: vscode.CancellationToken): Promise<ApprovalAnswer>;
  /**
   * The person's choice among the escalation's options (and optionally why), or `{dismissed: true}`.
   * `params.refused`, when present, says why their previous answer was not accepted.
   */
  decide(params: DecisionAskParams, token: vscode.CancellationToken): Promise<DecisionAnswer>;
}
