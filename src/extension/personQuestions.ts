/**
 * The questions a run puts to the person while it waits: a command outside the allowlist
 * (`nova/command.approve`) and a decision the team could not settle (`nova/decision.ask`). Whoever
 * is set through `ServerFeatures.setPersonQuestions` answers them (the chat view, as cards);
 * without one, the modal dialogs do. Types only: the extension host bundle loads no protocol.
 *
 * This is the seam the chat codes against; the escalation work defines the server side and may
 * widen `DecisionQuestion`/`DecisionAnswer` — the shapes here follow the chat's own
 * `chat/answerEscalation` and the `Escalation` contract.
 */
import type * as vscode from 'vscode';
import type { ApprovalAnswer, CommandApproval } from '../protocol/approval';
import type { Escalation } from '../core/contracts';

/** A command approval as the server sends it; `runId` names the run that asks, when the server says. */
export type CommandQuestion = CommandApproval & { readonly runId?: string };

/** A decision put to the person: the escalation (question, options, each side's reasons) of a run. */
export interface DecisionQuestion {
  readonly runId?: string;
  readonly escalation: Escalation;
}

/** The person's answer to a decision: an option (with why), or they would not choose. */
export type DecisionAnswer = { readonly option: string; readonly reason?: string | undefined } | { readonly dismissed: true };

/** Answers the questions runs put to the person; `token` is cancelled when the run stops waiting. */
export interface PersonQuestions {
  approveCommand(params: CommandQuestion, token: vscode.CancellationToken): Promise<ApprovalAnswer>;
  decide(params: DecisionQuestion, token: vscode.CancellationToken): Promise<DecisionAnswer>;
}
