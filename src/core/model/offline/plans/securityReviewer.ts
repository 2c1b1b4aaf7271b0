/**
 * The offline security reviewer: the security analyzers (hard-coded secrets, hidden Unicode) over a
 * change's files or a task's scope. Asked for an opinion on an approval, it checks the files the
 * decision names and opposes only when it can show a security finding in them.
 */
import type { Finding } from '../../../contracts';
import { securityRules } from '../../../review/run';
import type { OfflineTurn } from '../turn';
import { act, submit, type OfflineStep } from '../step';

/** A FindingList of the security findings over `paths`. */
export function securityScanStep(turn: OfflineTurn, paths: readonly string[]): OfflineStep {
  const scope = paths.length > 0 ? [...paths] : ['.'];
  const run = turn.callsOf('review_analyzers').at(-1);
  if (!run) return act(`Scanning ${scope.join(', ')} with the security analyzers.`, { name: 'review_analyzers', input: { paths: scope } });
  const findings = securityFindings(turn);
  const analyzers = [...securityRules];
  const note = run.isError ? ` (the scan failed: ${run.output.split('\n')[0] ?? ''})` : '';
  return act(`${findings.length} security finding(s) in ${scope.join(', ')}${note}.`, submit('FindingList', { scope, analyzers, findings }));
}

/** An Opinion on a decision: oppose an approval only with a security finding in the files it names. */
export function securityOpinionStep(turn: OfflineTurn, decision: { kind: string; outcome: string; rationale: string }): OfflineStep {
  if (decision.kind !== 'change.approval' || decision.outcome !== 'approve') {
    return opinion('abstain', `[offline] I only oppose an approval I can show a security finding against; this decision is "${decision.outcome}" on ${decision.kind}.`);
  }
  const paths = pathsIn(decision.rationale);
  if (paths.length === 0) return opinion('abstain', '[offline] The decision names no files, so the offline security analyzers had nothing to check.');
  if (turn.callsOf('review_analyzers').length === 0) {
    return act(`Checking ${paths.join(', ')} with the security analyzers before giving an opinion.`, { name: 'review_analyzers', input: { paths } });
  }
  const findings = securityFindings(turn);
  if (findings.length > 0) {
    const places = findings.map((item) => `${item.path}:${item.line} ${item.rule}`).join(', ');
    return opinion('oppose', `[offline] The security analyzers find ${findings.length} issue(s) in the approved files: ${places}.`, 'request_changes');
  }
  return opinion('support', `[offline] No security analyzer finding (${[...securityRules].join(', ')}) in ${paths.join(', ')}.`);
}

function securityFindings(turn: OfflineTurn): Finding[] {
  const data = turn.lastData('review_analyzers') as { findings?: Finding[] } | undefined;
  return (data?.findings ?? []).filter((item) => securityRules.has(item.rule));
}

/** Workspace paths of source files named in a text (what a reviewer's rationale cites). */
function pathsIn(text: string): string[] {
  const found = text.match(/[\w./-]+\.(?:[cm]?ts|tsx)\b/g) ?? [];
  return [...new Set(found.map((path) => path.replace(/^\.\//, '')))];
}

function opinion(stance: 'support' | 'oppose' | 'abstain', reason: string, suggestedOutcome?: string): OfflineStep {
  return act(`Opinion: ${stance}.`, submit('Opinion', suggestedOutcome ? { stance, reason, suggestedOutcome } : { stance, reason }));
}
