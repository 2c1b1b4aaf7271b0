/**
 * Runs the built-in analyzers over TypeScript sources and returns their findings in file and line
 * order. With a language service the analyzers see the project's real types and options; without
 * one, the files are checked together in memory with strict options.
 */
import type * as ts from 'typescript';
import { TypeScriptProject } from '../typescript/project';
import type { AnalyzedFinding, Analyzer, FindingRange } from './analyzer';
import { dangerousSink } from './dangerousSink';
import { emptyCatch } from './emptyCatch';
import { explicitAny } from './explicitAny';
import { floatingPromise } from './floatingPromise';
import { hardcodedSecret } from './hardcodedSecret';
import { hiddenUnicode } from './hiddenUnicode';
import { looseEquality } from './looseEquality';
import { nonNullAssertion } from './nonNullAssertion';
import { typescriptDiagnostics } from './typescriptDiagnostics';
import { unreachableCode } from './unreachableCode';

/** Every built-in analyzer, in the order their findings are listed for a line. */
export const builtinAnalyzers: readonly Analyzer[] = [
  typescriptDiagnostics,
  looseEquality,
  explicitAny,
  nonNullAssertion,
  floatingPromise,
  emptyCatch,
  unreachableCode,
  hardcodedSecret,
  dangerousSink,
  hiddenUnicode,
];

/** Rule ids that are about security: what the security reviewer keeps. */
export const securityRules: ReadonlySet<string> = new Set(builtinAnalyzers.filter((analyzer) => analyzer.security).map((analyzer) => analyzer.name));

/** A source to analyze: its workspace path, its text, and its file name in `service` when one is given. */
export interface SourceText {
  readonly path: string;
  readonly text: string;
  readonly fileName?: string;
}

export interface AnalyzerOptions {
  /** A language service whose program holds the files (by `fileName`). */
  readonly service?: ts.LanguageService;
  readonly analyzers?: readonly Analyzer[];
  /**
   * The workspace path of a program file outside `files`, for evidence there (a declaration in
   * another module); undefined, or no function, leaves that evidence out. The files analyzed are
   * always shown by their own paths.
   */
  readonly display?: (fileName: string) => string | undefined;
}

/** Findings of every analyzer over `files`, with their ranges and evidence, sorted by path, line and rule. */
export function runAnalyzers(files: readonly SourceText[], options: AnalyzerOptions = {}): AnalyzedFinding[] {
  const analyzers = options.analyzers ?? builtinAnalyzers;
  const service = options.service ?? TypeScriptProject.inMemory(files.map((file) => ({ fileName: memoryName(file.path), text: file.text }))).service;
  const program = service.getProgram();
  if (!program) throw new Error('The TypeScript language service has no program.');
  const sources = files.map((file) => {
    const sourceFile = program.getSourceFile(options.service ? (file.fileName ?? file.path) : memoryName(file.path));
    if (!sourceFile) throw new Error(`${file.path} is not part of the TypeScript program.`);
    return { path: file.path, sourceFile };
  });
  const analyzed = new Map(sources.map(({ path, sourceFile }) => [sourceFile.fileName, path]));
  const display = (fileName: string): string | undefined => analyzed.get(fileName) ?? options.display?.(fileName);
  const findings: AnalyzedFinding[] = [];
  for (const { path, sourceFile } of sources) {
    const inFile: AnalyzedFinding[] = [];
    for (const analyzer of analyzers) {
      const confidence = analyzer.confidence ?? 'high';
      for (const found of analyzer.analyze({ path, sourceFile, program, service, display })) inFile.push({ confidence, ...found, analyzer: analyzer.name });
    }
    findings.push(...withoutSuperseded(inFile, analyzers));
  }
  return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.rule.localeCompare(b.rule)));
}

/** One file's findings without those another analyzer's overlapping finding supersedes (`Analyzer.supersedes`). */
function withoutSuperseded(findings: readonly AnalyzedFinding[], analyzers: readonly Analyzer[]): AnalyzedFinding[] {
  const superseding = findings.flatMap((found) => {
    const rules = analyzers.find((analyzer) => analyzer.name === found.analyzer)?.supersedes ?? [];
    return rules.length === 0 ? [] : [{ rules, range: found.range }];
  });
  return findings.filter((found) => !superseding.some(({ rules, range }) => rules.includes(found.rule) && overlaps(range, found.range)));
}

function overlaps(a: FindingRange, b: FindingRange): boolean {
  const before = (line: number, column: number, otherLine: number, otherColumn: number) => line < otherLine || (line === otherLine && column <= otherColumn);
  return !before(a.endLine, a.endColumn, b.startLine, b.startColumn) && !before(b.endLine, b.endColumn, a.startLine, a.startColumn);
}

/** In-memory files live under one virtual root, so relative imports between them resolve. */
function memoryName(path: string): string {
  return `/nova-analyzers/${path.replace(/^\.?\/+/, '')}`;
}
