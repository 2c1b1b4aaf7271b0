import type { Escalation, StuckReport } from '../contracts';
import type { RunStatus } from '../trace/spans';
import type { DecisionRecord } from '../contracts/decision';

/** A validated payload that travelled in the run: a handoff's payload or an agent's result. */
export interface Artifact {
  readonly agent: string;
  readonly contract: string;
  readonly payload: unknown;
  readonly via: 'handoff' | 'result';
  /** The span that carried it: the delivered handoff span, or the accepted result's validation span. */
  readonly spanId?: string;
}

/** How a run ended, with everything a person needs to judge it. */
export interface RunResult {
  readonly runId: string;
  readonly status: RunStatus;
  /** The last agent's submission, present when the run completed. */
  readonly result?: Artifact;
  readonly artifacts: readonly Artifact[];
  readonly decisions: readonly DecisionRecord[];
  readonly escalation?: Escalation;
  readonly stuck?: StuckReport;
  readonly usage: { readonly steps: number; readonly tokens: number; readonly costUsd: number };
  /** Trace processors that failed (the run itself still ended as reported). */
  readonly traceProblems: readonly string[];
}
