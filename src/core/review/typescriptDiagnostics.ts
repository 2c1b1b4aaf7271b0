/**
 * typescript: the compiler's own findings, as `ts-<code>` rules — errors, and the unused or
 * unreachable code the language service flags even when the project leaves noUnused* off (editors
 * grey it out; a reviewer should see it too). Other suggestions (style hints) are not reported.
 */
import * as ts from 'typescript';
import type { Finding } from '../contracts';
import { finding, type Analyzer } from './analyzer';

/** Codes of "declared but never used" and "unreachable": removable without changing behaviour. */
const removable = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205, 7027, 7028]);

export const typescriptDiagnostics: Analyzer = {
  name: 'typescript',
  description: 'TypeScript errors, and unused or unreachable code (rules ts-<code>)',
  security: false,
  analyze({ path, sourceFile, service }) {
    const fileName = sourceFile.fileName;
    const unnecessary = service.getSuggestionDiagnostics(fileName).filter((diagnostic) => diagnostic.reportsUnnecessary);
    const all = [...service.getSyntacticDiagnostics(fileName), ...service.getSemanticDiagnostics(fileName), ...unnecessary];
    const seen = new Set<string>();
    const found: Finding[] = [];
    for (const diagnostic of all) {
      if (diagnostic.category === ts.DiagnosticCategory.Suggestion && !diagnostic.reportsUnnecessary) continue;
      const line = diagnostic.start === undefined ? 1 : sourceFile.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      const key = `${line}:${diagnostic.code}:${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(finding({
        path,
        line,
        severity: diagnostic.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
        rule: `ts-${diagnostic.code}`,
        message,
        suggestion: removable.has(diagnostic.code) ? 'Remove it (TypeScript can: typescript_fixes with removeUnused).' : undefined,
      }));
    }
    return found;
  },
};
