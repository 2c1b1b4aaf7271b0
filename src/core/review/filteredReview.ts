/**
 * A workspace review as a person or CI reads it: `reviewWorkspace`'s findings, each with its stable
 * fingerprint (of the source text it flags), less those an inline `nova-ignore` comment suppresses
 * (suppressions.ts) and those the baseline has accepted (baseline.ts). Malformed suppression
 * comments are reported as findings of their own. A finding a rule can fix mechanically carries
 * its fixes (fixes.ts) as edits of the file's text. The command line uses it; the language server
 * can too.
 */
import type { WorkspaceSandbox } from '../workspace/sandbox';
import type { AnalyzedFinding } from './analyzer';
import { splitByBaseline, type ReviewBaseline } from './baseline';
import { fingerprints, flaggedText } from './fingerprint';
import { mechanicalFixes, type FindingFix } from './fixes';
import { applySuppressions, readSuppressions, type SuppressedFinding } from './suppressions';
import { reviewWorkspace, type WorkspaceReview } from './workspaceReview';

/** A finding with its identity across runs, and the safe fixes of its rule (edits of the text reviewed). */
export type ReviewedFinding = AnalyzedFinding & { readonly fingerprint: string; readonly fixes?: readonly FindingFix[] };

export interface FilteredReview {
  /** Every source analyzed, with or without findings (workspace paths). */
  readonly files: readonly string[];
  /** What is reported: not suppressed, not in the baseline; in path and line order. */
  readonly findings: readonly ReviewedFinding[];
  /** Findings an inline comment suppressed, with its reason. */
  readonly suppressed: readonly SuppressedFinding<ReviewedFinding>[];
  /** Findings the baseline holds. */
  readonly baselined: readonly ReviewedFinding[];
  readonly problems: readonly string[];
}

/** Reviews `paths` (see reviewWorkspace) and filters the findings by inline comments and `baseline`. */
export async function reviewWithSuppressions(sandbox: WorkspaceSandbox, paths: readonly string[], signal: AbortSignal, trusted: boolean, baseline: ReviewBaseline = { entries: [] }): Promise<FilteredReview> {
  return filterReview(await reviewWorkspace(sandbox, paths, signal, trusted), baseline);
}

/** Fingerprints a review's findings, from the text each was made from, and filters them. */
export function filterReview(review: WorkspaceReview, baseline: ReviewBaseline): FilteredReview {
  const byFile = new Map<string, AnalyzedFinding[]>();
  for (const found of review.findings) byFile.set(found.path, [...(byFile.get(found.path) ?? []), found]);
  const reported: ReviewedFinding[] = [];
  const suppressed: SuppressedFinding<ReviewedFinding>[] = [];
  for (const file of review.files) {
    const split = reviewedFile(file.display, file.text, byFile.get(file.display) ?? []);
    reported.push(...split.reported);
    suppressed.push(...split.suppressed);
  }
  reported.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn));
  const { fresh, baselined } = splitByBaseline(reported, baseline);
  return { files: review.files.map((file) => file.display), findings: fresh, suppressed, baselined, problems: review.problems };
}

/**
 * One file's findings as a person reads them: with the file's malformed nova-ignore comments as
 * findings of their own, each fingerprinted and given its rule's safe fixes, then split by the
 * file's nova-ignore comments. `text` is the file's text the findings were made from.
 */
export function reviewedFile(display: string, text: string, found: readonly AnalyzedFinding[]): { reported: ReviewedFinding[]; suppressed: SuppressedFinding<ReviewedFinding>[] } {
  const comments = readSuppressions(display, text);
  const all = [...found, ...comments.malformed].sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
  const lines = text.split(/\r\n|\r|\n/);
  const prints = fingerprints(all.map((item) => ({ path: item.path, rule: item.rule, text: flaggedText(lines, item.range) })));
  const withFixes = (item: AnalyzedFinding, index: number): ReviewedFinding => {
    const fixes = mechanicalFixes(item, text, display);
    return { ...item, fingerprint: prints[index] ?? '', ...(fixes.length > 0 ? { fixes } : {}) };
  };
  return applySuppressions(all.map(withFixes), comments);
}
