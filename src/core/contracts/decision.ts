import type { DecisionStatement, OpinionRecord } from './common';
import type { AgentProvenance } from './provenance';

/** How a decision was settled. */
export type Settlement = 'unopposed' | 'owner' | 'arbiter' | 'escalated';

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
