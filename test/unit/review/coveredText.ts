/**
 * What a finding covers, as text, so analyzer tests can say `3 dangerous-sink: cmd` instead of
 * comparing line and column numbers.
 */
import type { FindingRange } from '../../../src/core/review/analyzer';
import { runAnalyzers } from '../../../src/core/review/run';

/** The text a range covers (the sources here break lines with \n only). */
export function covered(text: string, range: FindingRange): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((sum, before) => sum + before.length + 1, 0) + column;
  return text.slice(offset(range.startLine, range.startColumn), offset(range.endLine, range.endColumn));
}

/** `line severity: covered text [evidence…]` for each finding of `rule` over one in-memory file. */
export function ruleFindings(text: string, rule: string, path = 'src/a.ts'): string[] {
  return runAnalyzers([{ path, text }])
    .filter((found) => found.rule === rule)
    .map((found) => {
      const evidence = (found.evidence ?? []).map((item) => covered(text, item.range));
      return `${found.line} ${found.severity}: ${covered(text, found.range)}${evidence.length > 0 ? ` [${evidence.join(', ')}]` : ''}`;
    });
}
