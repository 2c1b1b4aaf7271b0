/**
 * Escalations answered by the person: when the team cannot settle a decision, the server asks the
 * editor (server → client, like nova/command.approve) and the run waits for the answer. A client
 * receives it only if it said it can answer (`initializationOptions.escalationAnswers: true`); for
 * any other, the escalation ends the run `escalated`, announced by nova/run.escalation as before.
 */
import { z } from 'zod';
import { PersonAnswer } from '../core/orchestrator/personAnswer';
import { request } from './message';
import { RunId } from './run';
import { Escalation } from './shapes';

/** What the person is asked: the run, the escalation (its `id`, question, options, each side's opinion) and, when asked again, why the last answer was refused. */
export const DecisionAskParams = z.strictObject({
  runId: RunId,
  escalation: Escalation,
  refused: z.string().min(1).optional(),
});
export type DecisionAskParams = z.infer<typeof DecisionAskParams>;

/** The person's answer: one of the options (and optionally why), or that they dismissed the question. */
export const DecisionAnswer = z.union([PersonAnswer, z.strictObject({ dismissed: z.literal(true) })]);
export type DecisionAnswer = z.infer<typeof DecisionAnswer>;

/**
 * nova/decision.ask (server → client): answered with `{option, reason?}` (the option becomes the
 * decision's outcome, settled by the person) or `{dismissed: true}`. An error, an invalid answer or
 * no answer before the run is cancelled leaves the decision escalated. The server cancels the
 * request when the run is cancelled.
 */
export const decisionAsk = request('nova/decision.ask', DecisionAskParams, DecisionAnswer);
