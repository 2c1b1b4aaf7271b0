/**
 * What the change report page says about an improvement, decided apart from drawing it (and
 * DOM-free, so the unit tests read it): whether it can be accepted and, when not, why in the
 * person's words; how each state and gate status reads; when a gate's evidence is long enough to
 * start collapsed. Every sentence is derived from the record, never from an agent's account.
 */
import type { GateRecord, ImproveRecord, ImproveReport } from '../../core/improve/record';

/** What the decision bar offers: Accept only when the report offers the change and nothing was decided yet. */
export type Decision = { readonly canAccept: true } | { readonly canAccept: false; readonly why: string };

/** The gates that did not pass, by title and status ("Tests (npm test) failed"). */
function notPassed(report: ImproveReport): string[] {
  return report.gates.filter((gate) => gate.status === 'failed' || gate.status === 'error').map((gate) => `${gate.title} ${gate.status === 'error' ? 'could not run' : 'failed'}`);
}

/** Whether the improvement can be accepted now, and why not when it cannot. */
export function decisionOf(record: ImproveRecord): Decision {
  const report = record.report;
  switch (record.state) {
    case 'running':
      return { canAccept: false, why: 'The improvement is still running; its report comes when every gate has run.' };
    case 'failed':
      return { canAccept: false, why: `The improvement could not finish${record.error ? `: ${record.error}` : '.'} Nothing was changed in your working tree.` };
    case 'cancelled':
      return { canAccept: false, why: 'The improvement was cancelled; nothing was changed in your working tree.' };
    case 'nothing':
      return { canAccept: false, why: 'The team proposed no change for this goal and scope, so there is nothing to accept.' };
    case 'accepted':
      return { canAccept: false, why: `Accepted: the change is a change set in your working tree${record.changeSetId ? ` (${record.changeSetId})` : ''}, to review hunk by hunk in the Proposals view.` };
    case 'rejected':
      return { canAccept: false, why: record.keptBranch && report ? `Rejected. The branch ${report.branch} and its worktree ${report.worktree} were kept for inspection.` : 'Rejected: the worktree was removed and the branch deleted.' };
    case 'blocked':
    case 'ready': {
      if (!report) return { canAccept: false, why: 'The improvement has no report, so nothing can be accepted.' };
      if (report.offered && record.state === 'ready') return { canAccept: true };
      const failing = notPassed(report);
      if (report.files.length === 0) return { canAccept: false, why: 'Nothing can be accepted: the change is empty.' };
      if (failing.length > 0) return { canAccept: false, why: `Nothing can be accepted: ${failing.join('; ')}. A change is offered only when every gate passed.` };
      return { canAccept: false, why: 'Nothing can be accepted: not every gate passed (see the gates below). A change is offered only when every gate passed.' };
    }
  }
}

/** Evidence longer than this many lines (or characters) starts collapsed; the person opens it. */
const longLines = 12;
const longChars = 1500;

/** Whether a gate's evidence starts collapsed. */
export function isLongEvidence(evidence: string): boolean {
  return evidence.length > longChars || evidence.split('\n').length > longLines;
}

/** "+3 −1", the size of a reported file's change. */
export function changeSize(file: { readonly added: number; readonly removed: number }): string {
  return `+${file.added} −${file.removed}`;
}

/** The facts line under a gate: its command, exit code and duration, as recorded. */
export function gateFacts(gate: GateRecord): string {
  const facts = [gate.command !== undefined ? `$ ${gate.command}` : undefined, gate.exitCode !== undefined ? `exit code ${gate.exitCode}` : undefined, `${(gate.durationMs / 1000).toFixed(1)} s`];
  return facts.filter((fact) => fact !== undefined).join(' · ');
}
