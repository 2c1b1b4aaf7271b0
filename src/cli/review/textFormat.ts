/**
 * `nova review --format text`: one line per finding (`path:line:col severity rule message`),
 * grouped by file with a blank line between files, then the summary table.
 */
import { findingLine, startColumn } from './findingLine';
import { findingsByFile, ruleCounts, severityCounts, summaryLine, type ReviewReport } from './reviewReport';

export function textFormat(report: ReviewReport): string {
  const groups = findingsByFile(report.review.findings).map(([, found]) => found.map((item) => `${findingLine(item, startColumn(item))}\n`).join(''));
  return `${groups.join('\n')}${groups.length > 0 ? '\n' : ''}${textSummary(report)}`;
}

/** The summary line, the counts per severity and per rule, and the problems. */
export function textSummary(report: ReviewReport): string {
  const { findings, problems } = report.review;
  const lines = [summaryLine(report)];
  if (findings.length > 0) {
    lines.push(...table(['severity', 'findings'], severityCounts(findings).filter(([, n]) => n > 0)));
    lines.push(...table(['rule', 'findings'], ruleCounts(findings)));
  }
  for (const problem of problems) lines.push(`! ${problem}`);
  return `${lines.join('\n')}\n`;
}

/** Rows under a heading, the first column padded to its widest cell. */
function table(heading: [string, string], rows: [string, number][]): string[] {
  const width = Math.max(heading[0].length, ...rows.map(([name]) => name.length));
  return ['', ...[heading, ...rows.map(([name, n]) => [name, String(n)] as const)].map(([name, n]) => `  ${name.padEnd(width)}  ${n}`)];
}
