import type { DecisionStatement, OpinionRecord } from './common';

/** How a decision was settled. */
export type Settlement = 'unopposed' | 'owner' | 'arbiter' | 'escalated';

/**
 * A decision with its single owner, the outcome that stands, why, and every advisor's opinion.
 * `dissent` lists the opinions that still opposed the final outcome (empty when settled without any).
 */
export interface DecisionRecord extends DecisionStatement {
  readonly proposedOutcome: string;
  readonly opinions: readonly OpinionRecord[];
  readonly answers: readonly { readonly agent: string; readonly answer: string }[];
  readonly dissent: readonly OpinionRecord[];
  readonly settledBy: Settlement;
  readonly rounds: number;
}
