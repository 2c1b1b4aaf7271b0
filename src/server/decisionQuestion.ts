/**
 * How the server puts an escalated decision to the person: `nova/decision.ask`, sent only to a
 * client that announced it answers it (initializationOptions `escalationAnswers: true`; Nova's
 * extension does, with the chat's card or a quick pick). For any other client there is no asker,
 * and an escalation ends the run `escalated` as it always did.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { Escalation } from '../core/contracts';
import type { PersonAnswer } from '../core/orchestrator/personAnswer';
import { decisionAsk } from '../protocol/decision';
import { askClient } from './clientQuestion';

/** Asks the person about a run's escalation; undefined when dismissed, cancelled or not answered. */
export type DecisionAsker = (runId: string, escalation: Escalation, signal: AbortSignal, refused?: string) => Promise<PersonAnswer | undefined>;

/** The asker for a client that can answer escalations, or undefined for one that cannot. */
export function decisionAsker(connection: Connection, clientAnswers: boolean): DecisionAsker | undefined {
  if (!clientAnswers) return undefined;
  return async (runId, escalation, signal, refused) => {
    const reply = await askClient(connection, decisionAsk, { runId, escalation, ...(refused ? { refused } : {}) }, signal);
    if (reply.kind === 'invalid') connection.console.warn(`${decisionAsk.method}: the editor answered with an invalid result (${reply.issues.join('; ')}); the decision stays escalated.`);
    if (reply.kind === 'failed') connection.console.warn(`${decisionAsk.method} failed (${reply.message}); the decision stays escalated.`);
    if (reply.kind !== 'answered' || 'dismissed' in reply.answer) return undefined;
    return reply.answer;
  };
}
