/**
 * The unused and unreachable code TypeScript flags even when a project leaves noUnused* and
 * allowUnreachableCode off: the "unnecessary" suggestions editors grey out.
 *
 * The language service's `getSuggestionDiagnostics` finds them, but first walks the whole file for
 * style hints nobody here reports ("may be converted to an async function"): a twentieth of a
 * large review. The hints it keeps come from two places the service reads as well — the binder's
 * suggestions (unreachable code, unused labels) and the checker's (unused declarations) — so they
 * are read there. Both are TypeScript internals, typed here; when a TypeScript release no longer
 * has the checker's, the service's answer is used (test/unit/review/unnecessaryCode.test.ts
 * compares the two).
 */
import * as ts from 'typescript';

interface SuggestingChecker {
  getSuggestionDiagnostics?(file: ts.SourceFile): readonly ts.DiagnosticWithLocation[];
}

interface BoundFile {
  readonly bindSuggestionDiagnostics?: readonly ts.DiagnosticWithLocation[];
}

/** The file's unused and unreachable code, as the language service reports it, in file order. */
export function unnecessaryCode(service: ts.LanguageService, program: ts.Program, sourceFile: ts.SourceFile): ts.DiagnosticWithLocation[] {
  const checker = program.getTypeChecker() as ts.TypeChecker & SuggestingChecker;
  if (typeof checker.getSuggestionDiagnostics !== 'function') {
    return service.getSuggestionDiagnostics(sourceFile.fileName).filter((diagnostic) => diagnostic.reportsUnnecessary);
  }
  const bound = (sourceFile as ts.SourceFile & BoundFile).bindSuggestionDiagnostics ?? [];
  return [...bound, ...checker.getSuggestionDiagnostics(sourceFile)].filter((diagnostic) => diagnostic.reportsUnnecessary).sort((a, b) => a.start - b.start);
}
