/**
 * "Rerun from here": a new run that starts at the receiver of a handoff recorded in an earlier run's
 * trace, with the payload that was handed over — or the person's edit of it, checked against the
 * handoff's contract exactly as a handoff between agents is. So a person can try a fix at the step
 * where a run went sideways without replaying everything before it.
 */
import type { Team } from '../agents/team';
import type { AgentSpec } from '../agents/spec';
import { getContract, handoffContracts } from '../contracts';
import { validatePayload } from '../contracts/validate';
import type { HandoffSpan, Span } from '../trace/spans';
import { recordedPayload } from '../trace/tracedPayload';
import { payloadHash } from './payloadHash';

/** Where a rerun starts: the handoff's receiver, contract and payload, handed over by its original sender. */
export interface HandoffStart {
  readonly agent: string;
  readonly contract: string;
  readonly payload: unknown;
  /** The original sender: the receiver reads its input as coming from it. */
  readonly from: string;
  readonly reason: string;
  /** The run and handoff span this restarts from; `edited` when the payload is not the recorded one. */
  readonly rerunOf: { readonly runId: string; readonly spanId: string; readonly edited: boolean };
}

/** An agent started with a contract and payload it is handed (a rerun's receiver, an improve run's stage). */
export type StageStart = Pick<HandoffStart, 'agent' | 'contract' | 'payload' | 'reason'>;

/** A rerun that cannot start; `issues` when the payload does not satisfy the handoff's contract. */
export class RerunRefused extends Error {
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(message);
  }
}

/** What a rerun is asked for: the handoff span in run `runId`, and the person's payload if they edited it. */
export interface RerunAsk {
  readonly runId: string;
  readonly spanId: string;
  readonly payload?: unknown;
}

/**
 * The start of a rerun of `ask.spanId` from the spans of its run. The span must be a delivered
 * handoff; its payload is the person's (`ask.payload`) or the recorded one — inline, or read with
 * `sidePayload` when it was over the trace's cap. The payload is not validated here (see
 * {@link checkHandoffStart}, which needs the team).
 */
export async function rerunStart(spans: readonly Span[], ask: RerunAsk, sidePayload: () => Promise<unknown>): Promise<HandoffStart> {
  const span = spans.find((candidate) => candidate.id === ask.spanId);
  if (!span) throw new RerunRefused(`Run ${ask.runId} has no span ${ask.spanId}.`);
  if (span.kind !== 'handoff' || span.status !== 'delivered') {
    const what = span.kind === 'handoff' ? `a ${span.status} handoff (${span.from} → ${span.to}): nothing reached ${span.to}` : `a ${span.kind} span`;
    throw new RerunRefused(`Span ${ask.spanId} of run ${ask.runId} is ${what}; a run can only be rerun from a delivered handoff.`);
  }
  const payload = 'payload' in ask && ask.payload !== undefined ? ask.payload : await payloadOf(span, ask, sidePayload);
  return {
    agent: span.to,
    contract: span.contract,
    payload,
    from: span.from,
    reason: span.reason,
    // The same payload sent back unchanged is not an edit; the hash is of the validated payload, as recorded.
    rerunOf: { runId: ask.runId, spanId: span.id, edited: ask.payload !== undefined && payloadHash(validatedOr(span.contract, ask.payload)) !== span.payloadHash },
  };
}

/** The task text of a rerun, as its run span and the Runs view show it. */
export function rerunTask(start: HandoffStart): string {
  return `Rerun of run ${start.rerunOf.runId} from the handoff ${start.from} → ${start.agent} (${start.contract})${start.rerunOf.edited ? ', with the payload edited' : ''}`;
}

/**
 * The receiver and the validated payload of a rerun, checked as a handoff between agents is: the
 * receiver is in the team and accepts the contract from an agent, and the payload satisfies it.
 */
export function checkHandoffStart(team: Team, start: StageStart): { readonly agent: AgentSpec; readonly payload: unknown } {
  const agent = team.get(start.agent);
  if (!agent) throw new RerunRefused(`The handoff went to ${start.agent}, which is not in the team now. The team: ${team.agents.map((a) => a.name).join(', ')}.`);
  const handable = handoffContracts(agent.accepts);
  if (!handable.includes(start.contract)) throw new RerunRefused(`${agent.name} accepts ${handable.join(' or ') || 'nothing'} from another agent now, not ${start.contract}.`);
  const checked = validatePayload(getContract(start.contract), start.payload);
  if (!checked.ok) {
    const issues = checked.issues.map((issue) => `payload.${issue}`);
    throw new RerunRefused(`The payload is not a valid ${start.contract}: ${issues.join('; ')}`, issues);
  }
  return { agent, payload: checked.value };
}

async function payloadOf(span: HandoffSpan, ask: RerunAsk, sidePayload: () => Promise<unknown>): Promise<unknown> {
  const recorded = recordedPayload(span.payload);
  if (recorded === 'side file') return sidePayload();
  if (recorded) return recorded.value;
  throw new RerunRefused(`The handoff ${span.from} → ${span.to} in run ${ask.runId} was recorded before Nova kept payloads in its trace; give the payload to rerun it.`);
}

function validatedOr(contract: string, payload: unknown): unknown {
  try {
    const checked = validatePayload(getContract(contract), payload);
    return checked.ok ? checked.value : payload;
  } catch {
    return payload; // an unknown contract: checkHandoffStart says so
  }
}
