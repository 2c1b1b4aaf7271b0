/**
 * One file's analyzer findings after the team's verdicts: a confirmed finding stays, a dismissed one
 * goes with its reason recorded, a finding the reviewer added appears (raised by the reviewer). The
 * reviewer owns every verdict; the security reviewer's opinion on a security finding is attached to
 * the verdict, and where it differs, recorded as dissent — it never changes the outcome. A reviewer
 * result that is missing or was not accepted changes nothing: the analyzer findings stand, and why is
 * reported as a problem of the file.
 */
import type { OpinionRecord } from '../../contracts/common';
import type { AnalyzedFinding } from '../analyzer';
import type { AddedFinding, Decision, FileReview, ReadResult, SecurityAdvice } from './fileVerdict';
import { findingId, securityAdvisor, verdictOwner } from './teamRequests';

/** The reviewer's decision on one analyzer finding, with the security reviewer's opinion where it gave one. */
export interface FindingDecision {
  readonly kind: 'review.finding';
  /** The finding's id in the request (F1…), its rule and line. */
  readonly finding: string;
  readonly rule: string;
  readonly line: number;
  readonly owner: typeof verdictOwner;
  readonly outcome: Decision;
  readonly rationale: string;
  readonly opinions: readonly OpinionRecord[];
  /** Opinions that oppose the outcome: visible, never overriding it. */
  readonly dissent: readonly OpinionRecord[];
}

/** A finding the reviewer dismissed, and why. */
export interface DismissedFinding {
  readonly finding: AnalyzedFinding;
  readonly reason: string;
}

/** One file as the team left it. */
export interface TeamReviewedFile {
  readonly path: string;
  /** Confirmed analyzer findings and the reviewer's own, in line order. */
  readonly findings: readonly AnalyzedFinding[];
  readonly dismissed: readonly DismissedFinding[];
  readonly decisions: readonly FindingDecision[];
  /** Whether the reviewer's verdicts were merged; false: the analyzer findings stand unchanged. */
  readonly reviewed: boolean;
}

/** What the batch returned for one agent's request of a file: a result read from the reply, or why there is none. */
export type AgentOutcome<T> = ReadResult<T> | { readonly ok: false; readonly failed: string };

export interface FileOutcomes {
  readonly path: string;
  readonly findings: readonly AnalyzedFinding[];
  /** Each line's length, to place a finding the reviewer adds. */
  readonly lineLengths: readonly number[];
  readonly reviewer: AgentOutcome<FileReview>;
  /** Absent when the file has no security finding (nothing was asked). */
  readonly security?: AgentOutcome<SecurityAdvice>;
}

/** Merges one file's outcomes; problems say what was not merged and why. */
export function mergeVerdicts(file: FileOutcomes): { file: TeamReviewedFile; problems: string[] } {
  const problems: string[] = [];
  const advice = new Map<string, OpinionRecord>();
  if (file.security?.ok) {
    for (const opinion of file.security.value.opinions) advice.set(opinion.finding, { agent: securityAdvisor, stance: 'abstain', reason: opinion.reason, suggestedOutcome: opinion.decision });
  } else if (file.security) {
    problems.push(`${file.path}: the ${securityAdvisor}'s advice was not recorded (${whyNot(file.security)}); the ${verdictOwner}'s verdicts stand without it.`);
  }
  if (!file.reviewer.ok) {
    problems.push(`${file.path}: the ${verdictOwner}'s verdicts were not merged (${whyNot(file.reviewer)}); its analyzer findings stand.`);
    return { file: { path: file.path, findings: file.findings, dismissed: [], decisions: [], reviewed: false }, problems };
  }
  const verdicts = new Map(file.reviewer.value.verdicts.map((verdict) => [verdict.finding, verdict]));
  const kept: AnalyzedFinding[] = [];
  const dismissed: DismissedFinding[] = [];
  const decisions: FindingDecision[] = [];
  file.findings.forEach((found, index) => {
    const id = findingId(index);
    const verdict = verdicts.get(id);
    // readFileReview has checked that every finding has a verdict; kept if one ever had none.
    if (!verdict) return void kept.push(found);
    const advised = advice.get(id);
    const opinion = advised && { ...advised, stance: advised.suggestedOutcome === verdict.decision ? ('support' as const) : ('oppose' as const) };
    const opinions = opinion ? [opinion] : [];
    decisions.push({ kind: 'review.finding', finding: id, rule: found.rule, line: found.line, owner: verdictOwner, outcome: verdict.decision, rationale: verdict.reason, opinions, dissent: opinions.filter((item) => item.stance === 'oppose') });
    if (verdict.decision === 'confirm') kept.push(found);
    else dismissed.push({ finding: found, reason: verdict.reason });
  });
  const added = file.reviewer.value.added.map((item) => addedFinding(file.path, item, file.lineLengths));
  const findings = [...kept, ...added].sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
  return { file: { path: file.path, findings, dismissed, decisions, reviewed: true }, problems };
}

function whyNot(outcome: { readonly ok: false } & ({ readonly issues: readonly string[] } | { readonly failed: string })): string {
  return 'failed' in outcome ? outcome.failed : `its result broke the contract: ${outcome.issues.join('; ')}`;
}

/** A finding the reviewer added, over its whole line (the reviewer names a line, not columns). */
function addedFinding(path: string, added: AddedFinding, lineLengths: readonly number[]): AnalyzedFinding {
  const { line, severity, rule, message, suggestion } = added;
  const range = { startLine: line, startColumn: 0, endLine: line, endColumn: lineLengths[line - 1] ?? 0 };
  return { path, line, severity, rule, message, ...(suggestion === undefined ? {} : { suggestion }), range, confidence: 'medium', analyzer: verdictOwner };
}
