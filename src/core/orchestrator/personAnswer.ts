/**
 * The person's answer to an escalation, while the run waits for it. The run is interrupted, not
 * ended: the arbitration that escalated awaits the answer with all its state, and carries on as if
 * the owner had decided. Cancellation (the run's signal) still ends the run while it waits.
 */
import { z } from 'zod';
import type { Escalation } from '../contracts';
import { untilAborted } from '../untilAborted';
import type { RunContext } from './context';

/** The person's choice: one of the escalation's options, and optionally why. */
export const PersonAnswer = z.strictObject({
  option: z.string().min(1),
  reason: z.string().trim().min(1).optional(),
});
export type PersonAnswer = z.infer<typeof PersonAnswer>;

/**
 * Puts an escalation to the person and resolves with their answer; undefined when they dismissed
 * it or cannot be asked (the run then ends `escalated`). `refused` says why their previous answer
 * to the same escalation was not accepted, so they can choose again.
 */
export type AskPerson = (escalation: Escalation, signal: AbortSignal, refused?: string) => Promise<PersonAnswer | undefined>;

/** Why `answer` cannot settle `escalation`, or undefined when it is one of its options. */
export function answerProblem(escalation: Escalation, answer: PersonAnswer): string | undefined {
  if (escalation.options.includes(answer.option)) return undefined;
  return `"${answer.option}" is not an option of this decision; choose one of ${escalation.options.map((option) => `"${option}"`).join(', ')}`;
}

/**
 * Waits for the person's valid answer. An answer outside the options is refused and asked again
 * (a bounded number of times, like a malformed result); the refusal is recorded in the trace.
 * Rejects with the signal's reason when the run is cancelled meanwhile; the wall clock is paused
 * while the person is asked.
 */
export async function awaitPersonAnswer(ctx: RunContext, ask: AskPerson, escalation: Escalation, parentSpanId: string): Promise<PersonAnswer | undefined> {
  let refused: string | undefined;
  for (let attempt = 1; attempt <= ctx.policy.maxBounces + 1; attempt++) {
    // The person's time is not the team's: the wall clock stands still while they are asked.
    const resume = ctx.pauseWallClock();
    // The run stops waiting at once when cancelled, even if the asker ignores the signal.
    const answer = await untilAborted(ask(escalation, ctx.signal, refused), ctx.signal).finally(resume);
    if (!answer) return undefined;
    refused = answerProblem(escalation, answer);
    ctx.trace.record('validation', parentSpanId, {
      agent: 'person', contract: 'PersonAnswer', direction: 'result', attempt, verdict: refused ? 'bounced' : 'accepted', issues: refused ? [refused] : [],
    });
    if (!refused) return answer;
  }
  return undefined;
}
