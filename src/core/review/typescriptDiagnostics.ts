/**
 * typescript: the compiler's own findings, as `ts-<code>` rules — errors, and the unused or
 * unreachable code the language service flags even when the project leaves noUnused* off (editors
 * grey it out; a reviewer should see it too). Other suggestions (style hints) are not reported.
 */
import * as ts from 'typescript';
import { unnecessaryCode } from '../typescript/unnecessaryCode';
import { evidence, finding, type AnalyzedFinding, type Analyzer, type AnalyzerInput, type FindingEvidence, type TextOffsets } from './analyzer';

/** Codes of "declared but never used" and "unreachable": removable without changing behaviour. */
export const removableCodes: ReadonlySet<number> = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205, 7027, 7028]);

export const typescriptDiagnostics: Analyzer = {
  name: 'typescript',
  description: 'TypeScript errors, and unused or unreachable code (rules ts-<code>)',
  security: false,
  analyze(input) {
    const { sourceFile, service, program } = input;
    const fileName = sourceFile.fileName;
    const unnecessary = unnecessaryCode(service, program, sourceFile);
    const all = [...service.getSyntacticDiagnostics(fileName), ...service.getSemanticDiagnostics(fileName), ...unnecessary];
    const seen = new Set<string>();
    const found: AnalyzedFinding[] = [];
    for (const diagnostic of all) {
      if (diagnostic.category === ts.DiagnosticCategory.Suggestion && !diagnostic.reportsUnnecessary) continue;
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      // The same diagnostic can come both as an error (noUnused* on) and as an "unnecessary" suggestion.
      const key = `${diagnostic.start}:${diagnostic.length}:${diagnostic.code}:${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(finding(input, spanOf(diagnostic), {
        severity: diagnostic.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
        rule: `ts-${diagnostic.code}`,
        message,
        suggestion: removableCodes.has(diagnostic.code) ? removal(diagnostic.code) : undefined,
        evidence: (diagnostic.relatedInformation ?? []).map((related) => relatedEvidence(input, related)),
        tsCode: diagnostic.code,
      }));
    }
    return found;
  },
};

/** Why removing it is safe, said to the person (never in tool names). */
function removal(code: number): string {
  return code === 7027 || code === 7028 ? 'Remove it: it never runs, so removing it changes nothing.' : 'Remove it: nothing uses it, so removing it changes nothing.';
}

/** A diagnostic's offsets; one without a position is placed at the start of the file. */
function spanOf(diagnostic: ts.DiagnosticRelatedInformation): TextOffsets {
  const start = diagnostic.start ?? 0;
  return { start, end: start + (diagnostic.length ?? 0) };
}

/** Related information ("'x' is declared here") as evidence; undefined when it has no place in the workspace. */
function relatedEvidence(input: AnalyzerInput, related: ts.DiagnosticRelatedInformation): FindingEvidence | undefined {
  if (!related.file || related.start === undefined) return undefined;
  return evidence(input, related.file, spanOf(related), ts.flattenDiagnosticMessageText(related.messageText, ' '));
}
