/**
 * What an analyzer is: a named check over one TypeScript source file that reports `Finding`s (the
 * contracts' finding model: path, line, severity, rule, message, suggestion). Analyzers read the
 * syntax tree, and the type checker where a rule is about types; they never change anything.
 */
import * as ts from 'typescript';
import type { Finding } from '../contracts';

/** One file as an analyzer sees it. */
export interface AnalyzerInput {
  /** The workspace path findings are reported at. */
  readonly path: string;
  readonly sourceFile: ts.SourceFile;
  readonly program: ts.Program;
  readonly service: ts.LanguageService;
}

/** A named check; its findings carry its name as their rule id (the `typescript` analyzer reports `ts-<code>` rules). */
export interface Analyzer {
  readonly name: string;
  readonly description: string;
  /** Whether its findings are about security (the security reviewer keeps only these). */
  readonly security: boolean;
  analyze(input: AnalyzerInput): Finding[];
}

/** The 1-based line where a node starts (after its leading trivia). */
export function lineOf(node: ts.Node, sourceFile: ts.SourceFile): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/** Visits every node of a file, depth first. */
export function forEachNode(sourceFile: ts.SourceFile, visit: (node: ts.Node) => void): void {
  const walk = (node: ts.Node): void => {
    visit(node);
    ts.forEachChild(node, walk);
  };
  walk(sourceFile);
}

/** A node's source text, shortened for a message. */
export function snippet(node: ts.Node, sourceFile: ts.SourceFile, limit = 60): string {
  const text = node.getText(sourceFile).replace(/\s+/g, ' ');
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** A finding without an empty suggestion field (exactOptionalPropertyTypes: absent, not undefined). */
export function finding(fields: Omit<Finding, 'suggestion'> & { readonly suggestion?: string | undefined }): Finding {
  const { suggestion, ...rest } = fields;
  return suggestion === undefined ? rest : { ...rest, suggestion };
}
