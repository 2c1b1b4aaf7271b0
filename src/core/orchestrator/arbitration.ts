/**
 * Settles a decision: its owner decides, advisors give opinions, and dissent is resolved by the
 * owner answering each dissent (bounded rounds), then by the arbiter; what neither settles is
 * escalated to the person. When the run can ask the person (`askPerson`), it waits here for their
 * choice, which settles the decision as if the owner had made it. Every step is recorded in the trace.
 */
import { provenanceOf, type AgentSpec } from '../agents/spec';
import type { DecisionStatement, Escalation, OpinionRecord } from '../contracts';
import type { RunContext } from './context';
import { awaitPersonAnswer } from './personAnswer';
import type { DecisionRecord, RecordedOpinion, Settlement } from '../contracts/decision';

/** Activates `agent` on the runtime's behalf; the validated result, or undefined if it violated its contract. */
export type Consult = (
  agent: AgentSpec,
  contract: string,
  payload: unknown,
  returns: string,
  parentSpanId: string,
  check?: (payload: Record<string, unknown>) => string[],
) => Promise<Record<string, unknown> | undefined>;

export interface DecisionRequest {
  readonly owner: AgentSpec;
  readonly statement: DecisionStatement;
  /** The outcomes the decision can take (empty: any). */
  readonly options: readonly string[];
  readonly parentSpanId: string;
  readonly consult: Consult;
}

export interface SettledDecision {
  readonly record: DecisionRecord;
  readonly escalation?: Escalation;
}

type Answer = { readonly agent: string; readonly answer: string };

export async function settleDecision(ctx: RunContext, request: DecisionRequest): Promise<SettledDecision> {
  const { owner, statement, options, consult, parentSpanId } = request;
  const { askPerson } = ctx;
  const oneOf = (value: unknown) => (options.length > 0 && !options.includes(String(value)) ? [`outcome: must be one of ${options.map((o) => `"${o}"`).join(', ')}`] : []);

  const ask = async (advisor: AgentSpec, decision: DecisionStatement, answers: readonly Answer[]): Promise<OpinionRecord> => {
    const opinion = await consult(advisor, 'OpinionRequest', { decision, answers }, 'Opinion', parentSpanId);
    if (!opinion) return { agent: advisor.name, stance: 'abstain', reason: 'gave no valid opinion (contract violation; see the trace)' };
    const suggested = opinion.suggestedOutcome as string | undefined;
    return { agent: advisor.name, stance: opinion.stance as OpinionRecord['stance'], reason: String(opinion.reason), ...(suggested ? { suggestedOutcome: suggested } : {}) };
  };

  let current = statement;
  const advisors = ctx.team.advisorsOf(statement.kind).filter((advisor) => advisor.name !== owner.name);
  const opinions: OpinionRecord[] = [];
  for (const advisor of advisors) opinions.push(await ask(advisor, current, []));
  const opposing = () => opinions.filter((opinion) => opinion.stance === 'oppose');

  const answers: Answer[] = [];
  let settledBy: Settlement = 'unopposed';
  let rounds = 0;
  while (opposing().length > 0 && rounds < ctx.policy.ownerRounds) {
    rounds += 1;
    const dissents = opposing();
    const reply = await consult(owner, 'DissentBrief', { decision: current, dissents }, 'DissentAnswer', parentSpanId, (payload) => [
      ...oneOf(payload.outcome),
      ...dissents
        .filter((dissent) => !(payload.answers as Answer[]).some((answer) => answer.agent === dissent.agent))
        .map((dissent) => `answers: no answer to ${dissent.agent}'s dissent`),
    ]);
    if (!reply) break;
    current = { ...current, outcome: String(reply.outcome) };
    answers.push(...(reply.answers as Answer[]));
    for (const dissent of dissents) {
      const advisor = ctx.team.get(dissent.agent);
      if (advisor) opinions[opinions.indexOf(dissent)] = await ask(advisor, current, answers);
    }
    if (opposing().length === 0) settledBy = 'owner';
  }

  let escalation: Escalation | undefined;
  if (opposing().length > 0) {
    const arbiter = ctx.team.arbiter;
    const ruling = arbiter && arbiter.name !== owner.name
      ? await consult(arbiter, 'Disagreement', { decision: current, opinions, answers }, 'Ruling', parentSpanId, (payload) => (payload.ruling === 'decided' ? oneOf(payload.outcome) : []))
      : undefined;
    if (ruling?.ruling === 'decided') {
      current = { ...current, outcome: String(ruling.outcome), rationale: `${arbiter?.name} ruled: ${String(ruling.rationale)}` };
      settledBy = 'arbiter';
    } else {
      settledBy = 'escalated';
      const dissenters = opposing().map((opinion) => opinion.agent);
      const suggested = opposing().flatMap((opinion) => (opinion.suggestedOutcome ? [opinion.suggestedOutcome] : []));
      escalation = {
        // The run's nth decision: unique within the run, which the answer names too.
        id: `decision-${ctx.decisions.length + 1}`,
        question: `${owner.name} decided "${current.outcome}" on ${current.kind}, and ${dissenters.join(', ')} still ${dissenters.length === 1 ? 'opposes' : 'oppose'}${ruling ? `; ${arbiter?.name} could not rule (${String(ruling.rationale)})` : arbiter ? `; ${arbiter.name} gave no valid ruling` : '; the team has no arbiter'}. Which outcome should stand?`,
        decision: current,
        options: options.length > 0 ? [...options] : [...new Set([current.outcome, ...suggested])],
        opinions: [...opinions],
      };
      if (askPerson) {
        // Told before the run waits, so every view shows the question while it is open.
        announceEscalation(ctx, owner.name, parentSpanId, escalation);
        const answer = await awaitPersonAnswer(ctx, askPerson, escalation, parentSpanId);
        if (answer) {
          current = { ...current, outcome: answer.option, rationale: answer.reason ?? `The person chose "${answer.option}".` };
          settledBy = 'person';
          escalation = undefined;
        }
      }
    }
  }

  // Provenance is added to the record only: the contracts the advisors and arbiter see stay as declared.
  const recorded = (opinion: OpinionRecord): RecordedOpinion => {
    const advisor = ctx.team.get(opinion.agent);
    return advisor ? { ...opinion, provenance: provenanceOf(advisor) } : opinion;
  };
  const record: DecisionRecord = {
    ...current,
    ownerProvenance: provenanceOf(owner),
    proposedOutcome: statement.outcome,
    opinions: opinions.map(recorded),
    answers,
    // An opinion the person's choice agrees with is no longer dissent from the outcome that stands.
    dissent: opposing().filter((opinion) => settledBy !== 'person' || opinion.suggestedOutcome !== current.outcome).map(recorded),
    settledBy,
    rounds,
  };
  ctx.decisions.push(record);
  ctx.trace.record('decision', parentSpanId, { agent: owner.name, decision: record });
  ctx.events.emit({ type: 'decision', runId: ctx.runId, decision: record });
  // Without a person to ask (or when they dismissed it, already announced), the escalation ends the run.
  if (escalation && !askPerson) announceEscalation(ctx, owner.name, parentSpanId, escalation);
  return escalation ? { record, escalation } : { record };
}

function announceEscalation(ctx: RunContext, owner: string, parentSpanId: string, escalation: Escalation): void {
  ctx.trace.record('escalation', parentSpanId, { agent: owner, escalation });
  ctx.events.emit({ type: 'escalation', runId: ctx.runId, escalation });
}
