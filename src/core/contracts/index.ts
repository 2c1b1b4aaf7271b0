/**
 * Every contract an agent can accept or return, by name. An agent's result is one structured
 * submission validated against its contract; nothing unvalidated travels between agents.
 */
import { z } from 'zod';
import { ChangeProposal, ChangeReport, FindingList, GateReport, ReportRequest, ReviewVerdict } from './change';
import { ChangeFeedback } from './feedback';
import { Disagreement, DissentAnswer, DissentBrief, Escalation, Opinion, OpinionRequest, Ruling, StuckReport } from './control';
import { Answer, GateRequest, Plan, RefactorRequest, RoutedTask, UserRequest } from './work';

/** A decision a contract carries: submitting it records `kind` with the outcome read from the payload. */
export interface CarriedDecision {
  readonly kind: string;
  /** The payload field that holds the outcome (an enum: its values are the decision's options). */
  readonly field: string;
  /** The owner's rationale, read from the payload. */
  rationale(payload: Record<string, unknown>): string;
}

/** A named contract: its schema, what it is for, and the decision it carries, if any. */
export interface ContractDefinition {
  readonly name: string;
  readonly description: string;
  readonly schema: z.ZodType;
  readonly decision?: CarriedDecision;
  /**
   * Only the person's actions produce it (the feedback on a change set): an agent may accept it at
   * the start of a run, but no agent hands it to another, so handoff tools leave it out — and their
   * schemas, in every prompt of the agents that hand off, stay as small as before.
   */
  readonly fromPersonOnly?: true;
}

function contract(name: string, description: string, schema: z.ZodType, decision?: CarriedDecision): ContractDefinition {
  return decision ? { name, description, schema, decision } : { name, description, schema };
}

function fromPerson(name: string, description: string, schema: z.ZodType): ContractDefinition {
  return { name, description, schema, fromPersonOnly: true };
}

const definitions = [
  contract('UserRequest', 'What the person asked, as it enters the front door.', UserRequest),
  contract('RoutedTask', 'The front door’s understanding of a request: intent, summary, scope and constraints.', RoutedTask),
  contract('Plan', 'Steps of a task, each with exactly one owning agent.', Plan),
  contract('RefactorRequest', 'A concrete change to make to named files.', RefactorRequest),
  contract('GateRequest', 'Commands to run as gates.', GateRequest),
  contract('Answer', 'A plain answer with the places it rests on.', Answer),
  contract('ChangeProposal', 'A proposed change set: exact hunks with rationale; not applied until a person accepts.', ChangeProposal),
  fromPerson('ChangeFeedback', 'The person’s decisions on a change set (accepted, rejected with reasons), for its author’s next attempt.', ChangeFeedback),
  contract('FindingList', 'Findings over a scope.', FindingList),
  contract('ReviewVerdict', 'Approve, request changes or reject a change, with confidence.', ReviewVerdict, {
    kind: 'change.approval',
    field: 'verdict',
    rationale: (payload) => String(payload.summary),
  }),
  contract('GateReport', 'Each gate’s status with its evidence.', GateReport, {
    kind: 'gate.verdict',
    field: 'overall',
    rationale: (payload) => (payload.gates as { name: string; status: string }[]).map((gate) => `${gate.name}: ${gate.status}`).join('; '),
  }),
  contract('ReportRequest', 'The material a change report is written from.', ReportRequest),
  contract('ChangeReport', 'What changed and why, each gate’s evidence, and the risks.', ChangeReport),
  contract('OpinionRequest', 'A decision another agent owns, put to an advisor.', OpinionRequest),
  contract('Opinion', 'An advisor’s stance on a decision, with its reason.', Opinion),
  contract('DissentBrief', 'Dissent on a decision, put to its owner.', DissentBrief),
  contract('DissentAnswer', 'The owner’s answer to each dissent and its (kept or revised) outcome.', DissentAnswer),
  contract('Disagreement', 'A disagreement the owner could not settle, put to the arbiter.', Disagreement),
  contract('Ruling', 'The arbiter’s ruling on a disagreement, or that it cannot decide.', Ruling),
  contract('Escalation', 'A decision put to the person.', Escalation),
  contract('StuckReport', 'Why a run stopped: agent, handoff, reason.', StuckReport),
] as const;

/** Contract names, for front-matter validation and tool names. */
export const contractNames: readonly string[] = definitions.map((definition) => definition.name);

const byName = new Map<string, ContractDefinition>(definitions.map((definition) => [definition.name, definition]));

/** The contract with this name, or undefined. */
export function findContract(name: string): ContractDefinition | undefined {
  return byName.get(name);
}

/** Of the contracts an agent accepts, those another agent may hand it (not the ones only the person produces). */
export function handoffContracts(accepts: readonly string[]): string[] {
  return accepts.filter((name) => byName.get(name)?.fromPersonOnly !== true);
}

/** The contract with this name; throws for a name no loaded agent could have referenced. */
export function getContract(name: string): ContractDefinition {
  const found = byName.get(name);
  if (!found) throw new Error(`Unknown contract "${name}". Known: ${contractNames.join(', ')}.`);
  return found;
}

export type { Finding, DecisionStatement, OpinionRecord } from './common';
export type UserRequest = z.infer<typeof UserRequest>;
export type RoutedTask = z.infer<typeof RoutedTask>;
export type Plan = z.infer<typeof Plan>;
export type RefactorRequest = z.infer<typeof RefactorRequest>;
export type ChangeProposal = z.infer<typeof ChangeProposal>;
export type ChangeFeedback = z.infer<typeof ChangeFeedback>;
export type FindingList = z.infer<typeof FindingList>;
export type ReviewVerdict = z.infer<typeof ReviewVerdict>;
export type GateReport = z.infer<typeof GateReport>;
export type ChangeReport = z.infer<typeof ChangeReport>;
export type Answer = z.infer<typeof Answer>;
export type Opinion = z.infer<typeof Opinion>;
export type DissentAnswer = z.infer<typeof DissentAnswer>;
export type Ruling = z.infer<typeof Ruling>;
export type Escalation = z.infer<typeof Escalation>;
export type StuckReport = z.infer<typeof StuckReport>;
export type StopReason = StuckReport['reason'];
export type { DecisionRecord, Settlement } from './decision';
