/**
 * The review gate: the reviewer agent reads the change — the proposal built from the worktree's
 * real diff — and its verdict passes only as `approve` with at least the person's confidence
 * threshold. The evidence is the verdict as the reviewer gave it; a run that ended without one
 * (stopped, escalated, unsupported) is an error that says why, never a pass.
 */
import type { ReviewVerdict } from '../../contracts';
import { ReviewVerdict as ReviewVerdictSchema } from '../../contracts/change';
import type { RunResult } from '../../orchestrator/result';
import type { Gate, GateContext } from '../gate';
import type { GateRecord } from '../record';
import { startGate } from './timedRecord';

/** The agent whose verdict the gate asks for. */
export const reviewerAgent = 'reviewer';

export const reviewGate: Gate = {
  name: 'review',
  async run(context: GateContext): Promise<GateRecord> {
    const gate = startGate('review', 'Reviewer verdict');
    let result: RunResult;
    try {
      result = await context.runAgent({ agent: reviewerAgent, contract: 'ChangeProposal', payload: context.proposal, reason: "review gate: the worktree's diff" });
    } catch (error) {
      context.signal.throwIfAborted();
      // The run could not start (no reviewer in the team, a proposal it refuses): no verdict, said as such.
      return gate.record({ status: 'error', summary: 'the reviewer could not run', evidence: (error as Error).message });
    }
    context.signal.throwIfAborted();
    const verdict = verdictOf(result);
    if (!verdict.ok) return gate.record({ status: 'error', summary: verdict.problem, evidence: verdict.detail });
    const { verdict: outcome, confidence } = verdict.value;
    const threshold = context.settings.reviewerMinConfidence;
    const passed = outcome === 'approve' && confidence >= threshold;
    const comparison = confidence >= threshold ? '≥' : '<';
    return gate.record({ status: passed ? 'passed' : 'failed', summary: `${outcome}, confidence ${confidence} ${comparison} ${threshold}`, evidence: describeVerdict(verdict.value) });
  },
};

type VerdictRead = { readonly ok: true; readonly value: ReviewVerdict } | { readonly ok: false; readonly problem: string; readonly detail: string };

/** The reviewer's verdict from its run, or why there is none. */
function verdictOf(result: RunResult): VerdictRead {
  if (result.status !== 'completed') {
    const why = result.escalation ? `escalated to the person: ${result.escalation.question}` : result.stuck ? `${result.stuck.agent}, ${result.stuck.reason}: ${result.stuck.detail}` : 'no reason recorded';
    return { ok: false, problem: `the reviewer gave no verdict: its run ended ${result.status}`, detail: `Run ${result.runId} ended ${result.status} (${why}).` };
  }
  const submitted = result.result;
  if (!submitted || submitted.contract !== 'ReviewVerdict') {
    return { ok: false, problem: 'the reviewer gave no verdict', detail: `Run ${result.runId} completed with ${submitted ? `a ${submitted.contract} from ${submitted.agent}` : 'no result'}, not a ReviewVerdict.` };
  }
  const parsed = ReviewVerdictSchema.safeParse(submitted.payload);
  if (!parsed.success) return { ok: false, problem: 'the reviewer\'s verdict is not a valid ReviewVerdict', detail: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  return { ok: true, value: parsed.data };
}

/** The verdict as given: outcome, confidence, the reviewer's summary and each finding. */
function describeVerdict(verdict: ReviewVerdict): string {
  const findings = verdict.findings.map((finding) => `- ${finding.severity} ${finding.path}:${finding.line} ${finding.rule}: ${finding.message}${finding.suggestion ? ` (fix: ${finding.suggestion})` : ''}`);
  return [`verdict: ${verdict.verdict}`, `confidence: ${verdict.confidence}`, `summary: ${verdict.summary}`, ...(findings.length > 0 ? [`findings (${findings.length}):`, ...findings] : ['findings: none'])].join('\n');
}
