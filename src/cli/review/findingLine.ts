/**
 * One finding as one line, `path:line:col severity rule message`: what `nova review` prints and
 * `nova run` prints for a verdict's findings. VS Code's terminal makes `path:line:col` a link.
 */
import type { Finding } from '../../core/contracts';
import type { AnalyzedFinding } from '../../core/review/analyzer';

/** The line for a finding; `column` is 1-based (a contract Finding has none: its line's start). */
export function findingLine(found: Pick<Finding, 'path' | 'line' | 'severity' | 'rule' | 'message'>, column = 1): string {
  return `${found.path}:${found.line}:${column} ${found.severity} ${found.rule} ${found.message.replace(/\s+/g, ' ').trim()}`;
}

/** The 1-based column an analyzed finding starts at (ranges hold 0-based columns). */
export function startColumn(found: AnalyzedFinding): number {
  return found.range.startColumn + 1;
}
