/**
 * The team's batched review as a trace a person reads like any run's (`.nova/traces/<runId>.jsonl`):
 * one run span per batch and, under it, one decision span per verdict — who owns it, the outcome,
 * why, and the security reviewer's opinion where it gave one.
 *
 * Arbitration is by ownership. The reviewer owns each verdict; where the security reviewer's opinion
 * differs, the reviewer's verdict stands (`settledBy: 'ownership'`) and the opinion is kept as
 * dissent beside it, so both are visible with who decided. No arbiter is asked and the owner does
 * not answer the dissent: in a batch there are no rounds, and another batch per disagreement would
 * cost another wait of minutes to hours for a verdict that is the owner's anyway.
 */
import type { DecisionRecord, RecordedOpinion } from '../../contracts/decision';
import type { AgentProvenance } from '../../contracts/provenance';
import { batchPriceFactor, costOf, defaultPrices, priceFor } from '../../model/pricing';
import { JsonlSpanProcessor, traceFilePath } from '../../trace/jsonl';
import { newRunId, TraceRecorder, type TraceRecorderOptions } from '../../trace/recorder';
import type { BatchReviewResult } from './batchReview';
import type { FindingDecision } from './mergeVerdicts';
import { verdictOwner } from './teamRequests';
import { teamReviewTaskPrefix } from './teamReviewTask';

/**
 * Where the team of a batched review comes from: Nova's own prompts (teamRequests.ts), never an
 * agent file of the workspace — which is what a person reading provenance wants to know.
 */
const builtIn: AgentProvenance = { origin: 'shipped', file: 'src/core/review/batch/teamRequests.ts' };

/** A reviewer's verdict on a finding of `path` as a decision record, arbitrated by ownership. */
export function findingDecisionRecord(path: string, decision: FindingDecision): DecisionRecord {
  const recorded = (opinions: readonly FindingDecision['opinions'][number][]): RecordedOpinion[] => opinions.map((opinion) => ({ ...opinion, provenance: builtIn }));
  const dissent = recorded(decision.dissent);
  return {
    kind: decision.kind,
    owner: decision.owner,
    ownerProvenance: builtIn,
    outcome: decision.outcome,
    // Which finding, first: the record has no other field that names it, and the trace lists many.
    rationale: `${path}:${decision.line} ${decision.rule} (${decision.finding}): ${decision.rationale}`,
    proposedOutcome: decision.outcome,
    opinions: recorded(decision.opinions),
    answers: [],
    dissent,
    settledBy: dissent.length > 0 ? 'ownership' : 'unopposed',
    rounds: 0,
  };
}

/** How many of the batch's verdicts the security reviewer disagreed with. */
export function disagreementsOf(result: BatchReviewResult): number {
  return result.files.reduce((sum, file) => sum + file.decisions.filter((decision) => decision.dissent.length > 0).length, 0);
}

/** The trace of one batch: its run id, and the decisions it recorded. */
export interface TeamTrace {
  readonly runId: string;
  readonly decisions: number;
}

/**
 * Writes the trace of a collected batch to `<workspaceFolder>/.nova/traces/`; undefined when the
 * batch had nothing to trace (no batch was sent, or no file's verdicts were merged).
 */
export async function writeTeamTrace(workspaceFolder: string, result: BatchReviewResult, options: TraceRecorderOptions & { readonly runId?: string } = {}): Promise<TeamTrace | undefined> {
  const reviewed = result.files.filter((file) => file.reviewed);
  if (result.batchId === undefined || reviewed.length === 0) return undefined;
  const runId = options.runId ?? newRunId();
  const recorder = new TraceRecorder(runId, [new JsonlSpanProcessor(traceFilePath(workspaceFolder, runId))], options);
  const verdicts = reviewed.reduce((sum, file) => sum + file.decisions.length, 0);
  const disagreements = disagreementsOf(result);
  const batch = `batch ${result.batchId}${result.resumed ? ', collected after a restart' : ''}`;
  const task = `${teamReviewTaskPrefix}the ${verdictOwner}'s ${verdicts} verdict(s) on analyzer findings in ${reviewed.length} file(s), ${disagreements} disagreement(s) (${batch})`;
  const run = recorder.start('run', null, { task, entryAgent: verdictOwner, status: 'completed' });
  // What each reply cost, as any run's model calls: the batch's replies carry no latency of their own.
  for (const call of result.calls) {
    const costUsd = costOf(call.usage, priceFor(defaultPrices, call.model)) * batchPriceFactor;
    recorder.record('model_call', run.id, { agent: call.agent, provider: 'anthropic', model: call.model, usage: call.usage, latencyMs: 0, costUsd, stopReason: call.stopReason });
  }
  for (const file of reviewed) {
    for (const decision of file.decisions) recorder.record('decision', run.id, { agent: verdictOwner, decision: findingDecisionRecord(file.path, decision) });
  }
  run.end();
  await recorder.flush();
  return { runId, decisions: verdicts };
}
