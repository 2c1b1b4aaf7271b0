/**
 * `nova review --format markdown`: the review for a pull-request comment — a heading with the
 * counts, the summary line (how many were suppressed or baselined), then a table per file
 * (line:column, severity, rule, message). Text from the workspace is escaped so it cannot break
 * the table or add markup.
 */
import { startColumn } from './findingLine';
import { count, findingsByFile, severityCounts, summaryLine, type ReviewReport } from './reviewReport';

export function markdownFormat(report: ReviewReport): string {
  const { findings, problems } = report.review;
  const bySeverity = severityCounts(findings).filter(([, n]) => n > 0).map(([severity, n]) => count(n, severity));
  const lines = [`## Nova review: ${count(findings.length, 'finding')}${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}`, '', summaryLine(report)];
  for (const [path, found] of findingsByFile(findings)) {
    lines.push('', `### ${code(path)}`, '', '| Line | Severity | Rule | Message |', '| --- | --- | --- | --- |');
    for (const item of found) lines.push(`| ${item.line}:${startColumn(item)} | ${item.severity} | ${code(item.rule)} | ${cell(item.message)}${item.suggestion ? ` — ${cell(item.suggestion)}` : ''} |`);
  }
  if (problems.length > 0) lines.push('', '**Not reviewed:**', '', ...problems.map((problem) => `- ${cell(problem)}`));
  return `${lines.join('\n')}\n`;
}

/** Text as a table cell: no line breaks, pipes and Markdown punctuation escaped. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[\\`*_[\]<>|#~]/g, (char) => `\\${char}`);
}

/** Text in a code span, with a fence longer than any backtick run inside it. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest > 0 ? ` ${text.replace(/\|/g, '\\|')} ` : text.replace(/\|/g, '\\|')}${fence}`;
}
