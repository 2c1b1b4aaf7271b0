/**
 * How a turn ended, in a sentence a person reads at a glance: what the status means, and for a run
 * that stopped, which agent, which handoff and why. Pure (no DOM).
 */
import type { Turn } from '../../protocol/webview/transcript';

/** Why a run stopped: which agent, which handoff, why. */
export type StuckReport = NonNullable<Turn['stuck']>;

/** How the outcome line looks: `error` for what went wrong, `warning` for what needs the person. */
export type Tone = 'info' | 'warning' | 'error';

/** A turn's outcome line, or undefined while it runs. */
export interface Outcome {
  readonly tone: Tone;
  readonly text: string;
}

/** Each reason the governor stops a run, in words. */
export const stopReasonText: Record<StuckReport['reason'], string> = {
  max_steps: 'the run used all its steps',
  token_budget: 'the run reached its token budget',
  cost_budget: 'the run reached its cost budget',
  activation_turns: 'an agent used all the turns of one activation',
  wall_clock: 'the run took longer than its time limit',
  ping_pong: 'two agents kept handing the same work back and forth',
  repeated_error: 'the same error kept coming back',
  contract_violation: 'a result kept failing its contract after being sent back',
  model_error: 'the model failed',
  cancelled: 'it was cancelled',
  unsupported: 'Nova cannot do this',
};

/** Where a stuck run stopped: "at the handoff concierge → refactorer · RefactorRequest". */
export function stuckSummary(stuck: StuckReport): string {
  const where = stuck.handoff ? ` at the handoff ${stuck.handoff.from} → ${stuck.handoff.to} · ${stuck.handoff.contract}` : '';
  return `Stopped in ${stuck.agent}${where}: ${stopReasonText[stuck.reason]}.`;
}

/** Whether an entry shows the person what the team did (a reply, the team list). */
function shows(entry: Turn['entries'][number]): boolean {
  return (entry.kind === 'agent' && entry.text.trim().length > 0) || entry.kind === 'team';
}

/** The outcome line of a turn that ended. */
export function outcomeOf(turn: Pick<Turn, 'status' | 'results' | 'stuck' | 'entries'>): Outcome | undefined {
  switch (turn.status) {
    case 'running':
      return undefined;
    case 'completed':
      // Said only when nothing else on screen shows what the team did.
      return turn.results.length > 0 || turn.entries.some(shows) ? undefined : { tone: 'info', text: 'Done. The team returned no result.' };
    case 'cancelled':
      return { tone: 'info', text: 'Cancelled. Nothing the team was doing continues.' };
    case 'unsupported':
      return { tone: 'warning', text: `Not supported: ${turn.stuck?.detail ?? 'Nova cannot do this with the current model.'}` };
    case 'escalated':
      return { tone: 'warning', text: 'Escalated: the team could not settle a decision, and it is yours to make.' };
    case 'stopped':
      return { tone: 'error', text: turn.stuck ? stuckSummary(turn.stuck) : 'Stopped before a result.' };
    case 'failed':
      return { tone: 'error', text: 'Failed: the run ended with an error (see the notice above).' };
  }
}
