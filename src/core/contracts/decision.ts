import { z } from 'zod';
import type { DecisionStatement, OpinionRecord } from './common';
import type { AgentProvenance } from './provenance';

/**
 * How a decision was settled: no advisor opposed, the owner answered the dissent, the arbiter ruled,
 * the person chose when the team could not (`person`), or it is still the person's to decide
 * (`escalated`). `ownership`: the owner's outcome stands because it owns the decision, with the
 * dissent recorded and not argued — where the team has no rounds to argue in (a batched review,
 * core/review/batch/teamTrace.ts). One schema, reused by the protocol.
 */
export const Settlement = z.enum(['unopposed', 'owner', 'arbiter', 'person', 'escalated', 'ownership']);
export type Settlement = z.infer<typeof Settlement>;

/** An advisor's opinion as the decision records it: with where the advisor came from. */
export interface RecordedOpinion extends OpinionRecord {
  /** Absent only in traces written before provenance was recorded. */
  readonly provenance?: AgentProvenance;
}

/**
 * A decision with its single owner, the outcome that stands, why, and every advisor's opinion.
 * `dissent` lists the opinions that still opposed the final outcome (empty when settled without any).
 * The owner's and each advisor's provenance say whether a workspace file took part in it.
 */
export interface DecisionRecord extends DecisionStatement {
  /** Absent only in traces written before provenance was recorded. */
  readonly ownerProvenance?: AgentProvenance;
  readonly proposedOutcome: string;
  readonly opinions: readonly RecordedOpinion[];
  readonly answers: readonly { readonly agent: string; readonly answer: string }[];
  readonly dissent: readonly RecordedOpinion[];
  readonly settledBy: Settlement;
  readonly rounds: number;
}
