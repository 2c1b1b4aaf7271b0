/** TypeScript diagnostics as Nova reports them: a workspace path, a 1-based line, `TS####`, the message. */
import * as ts from 'typescript';

/** One compiler diagnostic at a place in a workspace file. */
export interface CheckDiagnostic {
  readonly path: string;
  readonly line: number;
  readonly code: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

/** Converts a diagnostic; `display` turns the file name into the workspace path agents use. */
export function toCheckDiagnostic(diagnostic: ts.Diagnostic, display: (fileName: string) => string, fallbackPath: string): CheckDiagnostic {
  const file = diagnostic.file;
  const line = file && diagnostic.start !== undefined ? file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 1;
  return {
    path: file ? display(file.fileName) : fallbackPath,
    line,
    code: diagnostic.code,
    severity: severityOf(diagnostic),
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
  };
}

function severityOf(diagnostic: ts.Diagnostic): CheckDiagnostic['severity'] {
  switch (diagnostic.category) {
    case ts.DiagnosticCategory.Error:
      return 'error';
    case ts.DiagnosticCategory.Warning:
      return 'warning';
    default:
      // Unused and unreachable code arrive as suggestions when noUnused* is off; they are still worth a look.
      return diagnostic.reportsUnnecessary ? 'warning' : 'info';
  }
}

/** `src/a.ts:3: TS2322: Type 'string' is not assignable to type 'number'.` */
export function formatDiagnostic(diagnostic: CheckDiagnostic): string {
  return `${diagnostic.path}:${diagnostic.line}: TS${diagnostic.code}: ${diagnostic.message}`;
}

/** Sorted by path, then line, then code: stable output for models and tests. */
export function sortDiagnostics<T extends { readonly path: string; readonly line: number; readonly code?: number; readonly rule?: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || String(a.code ?? a.rule).localeCompare(String(b.code ?? b.rule))));
}
