/**
 * A reviewed file's findings as they leave the server: LSP diagnostics (source "Nova", the rule as
 * code, exact ranges, evidence as related information) for every editor, and the same findings
 * with their fingerprints for Nova's own Findings view and comment threads. Messages speak to the
 * person: a hint that addresses a model (which tool to call) is replaced by what the editor offers.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import type { FindingRange } from '../core/review/analyzer';
import type { FingerprintedFinding } from '../core/review/lastReview';
import { removableCodes } from '../core/review/typescriptDiagnostics';
import type { ReviewedFinding } from '../protocol/review';

/** The `source` of every diagnostic Nova publishes. */
export const diagnosticSource = 'Nova';

/** What a Nova diagnostic carries for its code actions and the extension. */
export interface NovaDiagnosticData {
  readonly tsCode?: number;
  readonly fingerprint?: string;
  readonly confidence?: ReviewedFinding['confidence'];
  readonly analyzer?: string;
}

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;

/** An LSP range from a finding's (1-based line, 0-based column) range. */
export function lspRange(range: FindingRange): Diagnostic['range'] {
  return { start: { line: range.startLine - 1, character: range.startColumn }, end: { line: range.endLine - 1, character: range.endColumn } };
}

/** A finding range (1-based lines) from an LSP range (0-based lines). */
export function findingRange(range: Diagnostic['range']): FindingRange {
  return { startLine: range.start.line + 1, startColumn: range.start.character, endLine: range.end.line + 1, endColumn: range.end.character };
}

/** The suggestion as the person reads it: unused or unreachable code says what the quick fix does. */
export function personSuggestion(found: Pick<FingerprintedFinding, 'suggestion' | 'tsCode'>): string | undefined {
  if (found.tsCode !== undefined && removableCodes.has(found.tsCode)) return 'Remove it: the quick fix proposes the removal as a change you review.';
  return found.suggestion;
}

/** Evidence places, by workspace path, as URIs; a path with no URI (outside the workspace) is left out. */
export type EvidenceUri = (path: string) => string | undefined;

/** The finding as the extension sees it. */
export function reviewedFinding(found: FingerprintedFinding, uriOf: EvidenceUri): ReviewedFinding {
  const suggestion = personSuggestion(found);
  const evidence = (found.evidence ?? []).flatMap((item) => {
    const uri = uriOf(item.path);
    return uri ? [{ uri, range: lspRange(item.range), message: item.message }] : [];
  });
  return {
    fingerprint: found.fingerprint,
    rule: found.rule,
    severity: found.severity,
    message: found.message,
    ...(suggestion === undefined ? {} : { suggestion }),
    range: lspRange(found.range),
    ...(evidence.length === 0 ? {} : { evidence }),
    ...(found.confidence === undefined ? {} : { confidence: found.confidence }),
    ...(found.analyzer === undefined ? {} : { analyzer: found.analyzer }),
  };
}

/** The finding as an LSP diagnostic. */
export function diagnosticOf(found: FingerprintedFinding, uriOf: EvidenceUri): Diagnostic {
  const shown = reviewedFinding(found, uriOf);
  const data: NovaDiagnosticData = {
    fingerprint: found.fingerprint,
    ...(found.tsCode === undefined ? {} : { tsCode: found.tsCode }),
    ...(shown.confidence === undefined ? {} : { confidence: shown.confidence }),
    ...(shown.analyzer === undefined ? {} : { analyzer: shown.analyzer }),
  };
  const related = (shown.evidence ?? []).map((item) => ({ location: { uri: item.uri, range: item.range }, message: item.message }));
  return {
    range: shown.range,
    severity: severities[found.severity],
    source: diagnosticSource,
    code: found.rule,
    message: shown.suggestion ? `${shown.message}\n${shown.suggestion}` : shown.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    // Unused or unreachable code: editors fade it rather than underline it.
    ...(found.tsCode !== undefined && removableCodes.has(found.tsCode) ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    data,
  };
}
