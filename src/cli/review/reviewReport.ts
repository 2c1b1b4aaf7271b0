/**
 * What every `nova review` format is made from: the filtered review (core/review/filteredReview.ts)
 * of one workspace folder, and the counts its summaries show.
 */
import type { Finding } from '../../core/contracts';
import type { FilteredReview, ReviewedFinding } from '../../core/review/filteredReview';

export interface ReviewReport {
  /** The workspace folder (absolute); finding paths are relative to it. */
  readonly folder: string;
  readonly review: FilteredReview;
}

/** Severities, most severe first: the order of summaries. */
export const severities: readonly Finding['severity'][] = ['error', 'warning', 'info', 'hint'];

/** How many findings each severity has (every severity, zeros too). */
export function severityCounts(findings: readonly ReviewedFinding[]): [Finding['severity'], number][] {
  return severities.map((severity) => [severity, findings.filter((found) => found.severity === severity).length]);
}

/** How many findings each rule has, most first (then by name). */
export function ruleCounts(findings: readonly ReviewedFinding[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const found of findings) counts.set(found.rule, (counts.get(found.rule) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** The findings grouped by file, in path order. */
export function findingsByFile(findings: readonly ReviewedFinding[]): [string, ReviewedFinding[]][] {
  const files = new Map<string, ReviewedFinding[]>();
  for (const found of findings) files.set(found.path, [...(files.get(found.path) ?? []), found]);
  return [...files];
}

/** "3 findings in 2 files (5 files reviewed); 1 suppressed by a nova-ignore comment; 2 in the baseline." */
export function summaryLine(report: ReviewReport): string {
  const { findings, files, suppressed, baselined } = report.review;
  const withFindings = new Set(findings.map((found) => found.path)).size;
  const parts = [`${count(findings.length, 'finding')} in ${count(withFindings, 'file')} (${count(files.length, 'file')} reviewed)`];
  if (suppressed.length > 0) parts.push(`${suppressed.length} suppressed by nova-ignore comment${suppressed.length === 1 ? '' : 's'}`);
  if (baselined.length > 0) parts.push(`${baselined.length} in the baseline`);
  return `${parts.join('; ')}.`;
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
