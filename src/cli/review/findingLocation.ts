/**
 * Where a finding is, as the machine formats (JSON, SARIF) say it: 1-based lines and columns,
 * `endColumn` the column just after the last character (SARIF's convention). Analyzer ranges hold
 * 0-based columns.
 */
import type { FindingRange } from '../../core/review/analyzer';

export interface OneBasedRange {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function oneBasedRange(range: FindingRange): OneBasedRange {
  return { startLine: range.startLine, startColumn: range.startColumn + 1, endLine: range.endLine, endColumn: range.endColumn + 1 };
}

/** What some analyzers add to a finding (how sure they are, which analyzer raised it), when present. */
export interface FindingOrigin {
  readonly confidence?: string;
  readonly analyzer?: string;
}

/** The confidence and analyzer of a finding that carries them; nothing for one that does not. */
export function findingOrigin(found: object): FindingOrigin {
  const { confidence, analyzer } = found as { confidence?: unknown; analyzer?: unknown };
  return { ...(typeof confidence === 'string' || typeof confidence === 'number' ? { confidence: String(confidence) } : {}), ...(typeof analyzer === 'string' ? { analyzer } : {}) };
}
