/** One analyzer's findings over one in-memory file, as `line severity: covered text` strings, for the rule tests. */
import type * as ts from 'typescript';
import type { Analyzer, FindingRange } from '../../../src/core/review/analyzer';
import { runAnalyzers } from '../../../src/core/review/run';
import { TypeScriptProject } from '../../../src/core/typescript/project';

/** The text a range covers (the sources here break lines with \n only). */
export function covered(text: string, range: FindingRange): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((sum, before) => sum + before.length + 1, 0) + column;
  return text.slice(offset(range.startLine, range.startColumn), offset(range.endLine, range.endColumn));
}

/** `line severity: covered` for each finding of `analyzer` over `lines` (joined with \n); strict options unless `options` are given. */
export function ruleFindings(analyzer: Analyzer, lines: readonly string[], options?: ts.CompilerOptions): string[] {
  const text = [...lines, ''].join('\n');
  const fileName = '/rule/src/a.ts';
  const service = options ? { service: TypeScriptProject.inMemory([{ fileName, text }], options).service } : {};
  return runAnalyzers([{ path: 'src/a.ts', text, fileName }], { analyzers: [analyzer], ...service }).map((found) => `${found.line} ${found.severity}: ${covered(text, found.range)}`);
}
