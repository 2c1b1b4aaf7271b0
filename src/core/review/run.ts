/**
 * Runs the built-in analyzers over TypeScript sources and returns their findings in file and line
 * order. With a language service the analyzers see the project's real types and options; without
 * one, the files are checked together in memory with strict options.
 */
import type * as ts from 'typescript';
import type { Finding } from '../contracts';
import { TypeScriptProject } from '../typescript/project';
import type { Analyzer } from './analyzer';
import { emptyCatch } from './emptyCatch';
import { explicitAny } from './explicitAny';
import { floatingPromise } from './floatingPromise';
import { hardcodedSecret } from './hardcodedSecret';
import { hiddenUnicode } from './hiddenUnicode';
import { looseEquality } from './looseEquality';
import { nonNullAssertion } from './nonNullAssertion';
import { typescriptDiagnostics } from './typescriptDiagnostics';

/** Every built-in analyzer, in the order their findings are listed for a line. */
export const builtinAnalyzers: readonly Analyzer[] = [
  typescriptDiagnostics,
  looseEquality,
  explicitAny,
  nonNullAssertion,
  floatingPromise,
  emptyCatch,
  hardcodedSecret,
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
}

/** Findings of every analyzer over `files`, sorted by path, line and rule. */
export function runAnalyzers(files: readonly SourceText[], options: AnalyzerOptions = {}): Finding[] {
  const analyzers = options.analyzers ?? builtinAnalyzers;
  const service = options.service ?? TypeScriptProject.inMemory(files.map((file) => ({ fileName: memoryName(file.path), text: file.text }))).service;
  const program = service.getProgram();
  if (!program) throw new Error('The TypeScript language service has no program.');
  const findings: Finding[] = [];
  for (const file of files) {
    const fileName = options.service ? (file.fileName ?? file.path) : memoryName(file.path);
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) throw new Error(`${file.path} is not part of the TypeScript program.`);
    for (const analyzer of analyzers) findings.push(...analyzer.analyze({ path: file.path, sourceFile, program, service }));
  }
  return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.rule.localeCompare(b.rule)));
}

/** In-memory files live under one virtual root, so relative imports between them resolve. */
function memoryName(path: string): string {
  return `/nova-analyzers/${path.replace(/^\.?\/+/, '')}`;
}
