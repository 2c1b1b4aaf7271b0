/**
 * The offline reviewer. A ChangeProposal is re-checked with the TypeScript language service — its
 * hunks applied in memory, the project type-checked before and after — and approved only when it
 * applies cleanly and adds no error. A review task runs the built-in analyzers over its scope.
 * The verdict always says that these are the only checks it made.
 */
import type { Finding } from '../../../contracts';
import type { OfflineTurn } from '../turn';
import { act, submit, type OfflineStep } from '../step';

interface ProposalCheckData {
  readonly ok: boolean;
  readonly conflicts: readonly { path: string; hunk: number; startLine: number; reason: string }[];
  readonly errorsBefore: number;
  readonly errorsAfter: number;
  readonly introduced: readonly { path: string; line: number; code: number; message: string }[];
}

/** Findings in one verdict: enough to act on, small enough to read. */
const maxFindings = 200;

export function reviewProposalStep(turn: OfflineTurn, proposal: { files: readonly { path: string; hunks: readonly unknown[] }[] }): OfflineStep {
  const paths = proposal.files.map((file) => file.path);
  const check = turn.callsOf('typescript_check').at(-1);
  if (!check) {
    return act(`Re-checking the proposal for ${paths.join(', ')}: applying its hunks in memory and type-checking the result.`, { name: 'typescript_check', input: { proposal: { files: proposal.files } } });
  }
  const data = turn.lastData('typescript_check') as ProposalCheckData | undefined;
  if (check.isError || !data) {
    return verdict('request_changes', 0.3, `[offline] Could not check the proposal for ${paths.join(', ')}: ${check.output.split('\n')[0] ?? 'no result'}. Not approved unchecked.`, []);
  }
  if (data.ok) {
    return verdict(
      'approve',
      0.8,
      `[offline] Offline checks only: every hunk applies to ${paths.join(', ')} as they are, and the project type-checks with no new errors (errors before: ${data.errorsBefore}, after: ${data.errorsAfter}). The offline model does not judge intent, naming or style.`,
      [],
    );
  }
  const findings: Finding[] = [
    ...data.conflicts.map((conflict) => ({ path: conflict.path, line: conflict.startLine, severity: 'error' as const, rule: 'stale-hunk', message: `Hunk ${conflict.hunk + 1} does not apply: ${conflict.reason}.`, suggestion: 'Recompute the hunk against the file as it is now.' })),
    ...data.introduced.map((error) => ({ path: error.path, line: error.line, severity: 'error' as const, rule: `ts-${error.code}`, message: `New type error after the change: ${error.message}` })),
  ];
  return verdict(
    'request_changes',
    0.9,
    `[offline] The proposal for ${paths.join(', ')} ${data.conflicts.length > 0 ? `has ${data.conflicts.length} hunk(s) that do not apply` : 'applies'}${data.introduced.length > 0 ? ` and introduces ${data.introduced.length} new type error(s)` : ''} (errors before: ${data.errorsBefore}, after: ${data.errorsAfter}).`,
    findings,
  );
}

export function reviewScopeStep(turn: OfflineTurn, task: { summary: string; scope: readonly string[] }): OfflineStep {
  const scope = task.scope.length > 0 ? [...task.scope] : ['.'];
  const run = turn.callsOf('review_analyzers').at(-1);
  if (!run) return act(`Reviewing ${scope.join(', ')} with the built-in analyzers and TypeScript's diagnostics.`, { name: 'review_analyzers', input: { paths: scope } });
  const data = turn.lastData('review_analyzers') as { findings?: Finding[]; analyzers?: string[] } | undefined;
  if (run.isError || !data?.findings) {
    return verdict('approve', 0.1, `[offline] Nothing could be reviewed in ${scope.join(', ')}: ${run.output.split('\n')[0] ?? 'no result'}. No finding is not the same as no problem.`, []);
  }
  const findings = data.findings;
  const counts = (severity: Finding['severity']) => findings.filter((item) => item.severity === severity).length;
  // Hints and notes (explicit-any, non-null-assertion, …) are advice: they are listed, never a reason to request changes.
  const blocking = counts('error') + counts('warning');
  const advisory = findings.length - blocking;
  const rules = [...new Set(findings.map((item) => item.rule))];
  const notBlocking = advisory > 0 ? `; the ${advisory} hint(s) and note(s) do not block an approval` : '';
  const listed = findings.length > maxFindings ? `; the first ${maxFindings} are listed` : '';
  return verdict(
    blocking > 0 ? 'request_changes' : 'approve',
    0.7,
    `[offline] Built-in analyzers over ${scope.join(', ')}: ${findings.length} finding(s) — ${counts('error')} error(s), ${counts('warning')} warning(s)${rules.length > 0 ? ` (${rules.join(', ')})` : ''}${notBlocking}${listed}. The offline model ran only the analyzers (${(data.analyzers ?? []).join(', ')}); it did not read the code for logic.`,
    findings.slice(0, maxFindings),
  );
}

function verdict(outcome: 'approve' | 'request_changes', confidence: number, summary: string, findings: Finding[]): OfflineStep {
  const said = outcome === 'approve' ? 'Approving' : 'Requesting changes';
  return act(`${said}: ${summary.replace(/^\[offline\] /, '')}`, submit('ReviewVerdict', { verdict: outcome, confidence, summary, findings }));
}
