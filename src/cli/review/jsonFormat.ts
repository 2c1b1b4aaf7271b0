/**
 * `nova review --format json`: the review as one JSON document (shape version 1), for scripts.
 *
 *     { "version": 1,
 *       "summary": { "files", "findings", "suppressed", "baselined", "bySeverity": {error, warning, info, hint}, "byRule": {rule: n} },
 *       "findings": [ { "fingerprint", "path", "line", "column", "severity", "rule", "message",
 *                       "suggestion"?, "range": {startLine, startColumn, endLine, endColumn},
 *                       "evidence"?: [ {path, range, message} ], "confidence"?, "analyzer"?,
 *                       "fixes"?: [ {title, rationale, edits: [ {start, end, newText} ]} ] } ],
 *       "suppressed": [ { "fingerprint", "path", "line", "rule", "reason" } ],
 *       "problems": [ string ] }
 *
 * Paths are relative to the workspace folder; ranges as in findingLocation.ts (1-based, end
 * exclusive); a fix's edits replace `[start, end)` of the file's text, in UTF-16 offsets from 0.
 * Baselined findings are counted, not listed. Non-ASCII is escaped (asciiJson.ts).
 */
import type { ReviewedFinding } from '../../core/review/filteredReview';
import { asciiJson } from './asciiJson';
import { findingOrigin, oneBasedRange } from './findingLocation';
import { ruleCounts, severityCounts, type ReviewReport } from './reviewReport';

export function jsonFormat(report: ReviewReport): string {
  const { files, findings, suppressed, baselined, problems } = report.review;
  return asciiJson({
    version: 1,
    summary: {
      files: files.length,
      findings: findings.length,
      suppressed: suppressed.length,
      baselined: baselined.length,
      bySeverity: Object.fromEntries(severityCounts(findings)),
      byRule: Object.fromEntries(ruleCounts(findings)),
    },
    findings: findings.map(jsonFinding),
    suppressed: suppressed.map(({ finding, reason }) => ({ fingerprint: finding.fingerprint, path: finding.path, line: finding.line, rule: finding.rule, reason })),
    problems,
  });
}

function jsonFinding(found: ReviewedFinding): Record<string, unknown> {
  const range = oneBasedRange(found.range);
  return {
    fingerprint: found.fingerprint,
    path: found.path,
    line: range.startLine,
    column: range.startColumn,
    severity: found.severity,
    rule: found.rule,
    message: found.message,
    ...(found.suggestion === undefined ? {} : { suggestion: found.suggestion }),
    range,
    ...(found.evidence?.length ? { evidence: found.evidence.map((item) => ({ path: item.path, range: oneBasedRange(item.range), message: item.message })) } : {}),
    ...findingOrigin(found),
    ...(found.fixes?.length ? { fixes: found.fixes.map(({ title, rationale, edits }) => ({ title, rationale, edits })) } : {}),
  };
}
