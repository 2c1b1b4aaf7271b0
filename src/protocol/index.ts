/**
 * Nova's protocol: every custom LSP method, declared once and imported by both the server and the
 * extension. Requests go client → server, except `nova/command.approve` and `nova/decision.ask`
 * (server → client, to a client that announced it can answer); notifications say their direction.
 */
export * from './message';
export { ApprovalAnswer, CommandApproval, commandApprove } from './approval';
export { AcceptedAgentFile, agentsList, AgentsListResult, PendingAgentFile, PendingEndpoint, TeamMember } from './agents';
export { chatSend, ChatSendParams } from './chat';
export { DecisionAnswer, decisionAsk, DecisionAskParams } from './decision';
export {
  GateRecord, ImproveConfiguration, improveAccept, improveCancel, improveEnded, improveGet, improveList, improvePhase, improvePreflight, ImproveRecord, improveReject, ImproveReport,
  improveStart, ImproveStartParams, ImproveState,
} from './improve';
export { ChangeSet, proposalsAdd, proposalsChanged, proposalsDecide, proposalsList, proposalsRevise } from './proposals';
export { proposeFixCommand, ProposeFixArgument, reviewDismiss, ReviewedFile, ReviewedFinding, reviewFindings, reviewList, reviewProgress, reviewRun, reviewTeamProgress } from './review';
export {
  runAgentStarted, runCancel, runDecision, runEnded, runEscalation, runList, runRetry, runSpan, runStart, runStarted, RunStartParams, RunSummary, runTextDelta,
} from './run';
export { ConfigureParams, ModelStatus, ServerStatus, sessionConfigure, sessionProblem, sessionStatus } from './session';
export { traceDelete, traceGet, tracePayload, traceWritten } from './trace';

import { agentsList } from './agents';
import { commandApprove } from './approval';
import { chatSend } from './chat';
import { decisionAsk } from './decision';
import { improveAccept, improveCancel, improveEnded, improveGet, improveList, improvePhase, improvePreflight, improveReject, improveStart } from './improve';
import { proposalsAdd, proposalsChanged, proposalsDecide, proposalsList, proposalsRevise } from './proposals';
import { reviewDismiss, reviewFindings, reviewList, reviewProgress, reviewRun, reviewTeamProgress } from './review';
import { runAgentStarted, runCancel, runDecision, runEnded, runEscalation, runList, runRetry, runSpan, runStart, runStarted, runTextDelta } from './run';
import { sessionConfigure, sessionProblem, sessionStatus } from './session';
import { traceDelete, traceGet, tracePayload, traceWritten } from './trace';

/** Requests the server answers. */
export const novaRequests = [
  sessionConfigure, sessionStatus, agentsList, chatSend, runStart, runCancel, runList, proposalsList, proposalsAdd, proposalsDecide, proposalsRevise, traceGet, tracePayload, traceDelete, reviewRun, reviewList, reviewDismiss,
  improvePreflight, improveStart, improveCancel, improveGet, improveList, improveAccept, improveReject,
] as const;

/** The method names of the requests the server answers. */
export type NovaRequestMethod = (typeof novaRequests)[number]['method'];

/**
 * A request the server answers, by its method name: code that may not load the protocol at runtime
 * (the extension's activation bundle) names a request with a type-only import and gets it typed.
 */
export type NovaRequestNamed<M extends NovaRequestMethod> = Extract<(typeof novaRequests)[number], { readonly method: M }>;

/** Notifications the server sends. */
export const novaNotifications = [sessionProblem, runStarted, runAgentStarted, runTextDelta, runRetry, runSpan, runDecision, runEscalation, runEnded, proposalsChanged, improvePhase, improveEnded, reviewFindings, reviewProgress, reviewTeamProgress, traceWritten] as const;

/** Requests the server sends to a client that announced it can answer them. */
export const novaClientRequests = [commandApprove, decisionAsk] as const;
