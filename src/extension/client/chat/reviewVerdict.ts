/** The analyzers' review of the workspace as a verdict the chat renders, with its findings. Pure. */
import type { Finding, ReviewVerdict } from '../../../core/contracts';
import type { ResultOf } from '../../../protocol/message';
import type { reviewRun } from '../../../protocol/review';

/** Who the result is attributed to: the analyzers, not an agent of the team. */
export const analyzersName = 'Nova analyzers';

/** The verdict the analyzers' review comes to: approve with no findings, else request changes. Pure. */
export function reviewVerdict(review: ResultOf<typeof reviewRun>, findings: readonly Finding[]): ReviewVerdict {
  const listed = findings.length < review.findings ? ` (the first ${findings.length} here; all of them in the Problems view)` : '';
  return {
    verdict: review.findings === 0 ? 'approve' : 'request_changes',
    // The analyzers are deterministic checks, not a judgement: certain of what they found, silent on the rest.
    confidence: 1,
    summary: `Nova's analyzers reviewed ${review.files} file${review.files === 1 ? '' : 's'}: ${review.findings === 0 ? 'no findings' : `${review.findings} finding${review.findings === 1 ? '' : 's'}${listed}`}. They check what rules can (TypeScript's diagnostics and Nova's analyzers); they do not judge design or intent.`,
    findings: [...findings],
  };
}

