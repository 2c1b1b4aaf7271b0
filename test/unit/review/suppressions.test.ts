import * as assert from 'node:assert/strict';
import type { AnalyzedFinding } from '../../../src/core/review/analyzer';
import { applySuppressions, readSuppressions } from '../../../src/core/review/suppressions';

function at(line: number, rule: string): AnalyzedFinding {
  return { path: 'src/a.ts', line, severity: 'warning', rule, message: 'm', range: { startLine: line, startColumn: 2, endLine: line, endColumn: 4 } };
}

describe('nova-ignore comments', () => {
  const text = [
    '// nova-ignore loose-equality: compared with a legacy id on purpose', // 1: covers line 2
    'if (a == b) {}', // 2
    'if (c == d) {} // nova-ignore loose-equality, explicit-any: generated code', // 3: covers line 3
    'if (e == f) {}', // 4: not covered
    '// nova-ignore loose-equality', // 5: no reason
    'if (g == h) {}', // 6
    '  //nova-ignore   : a reason but no rule', // 7
    'const url = "http://x"; // nova-ignored-thing: not ours', // 8
  ].join('\n');

  it('read: a comment alone covers the next line, one after code its own line; several rules may be named', () => {
    const { suppressions } = readSuppressions('src/a.ts', text);
    assert.deepEqual(suppressions, [
      { commentLine: 1, coveredLine: 2, rules: ['loose-equality'], reason: 'compared with a legacy id on purpose' },
      { commentLine: 3, coveredLine: 3, rules: ['loose-equality', 'explicit-any'], reason: 'generated code' },
    ]);
  });

  it('a comment without a reason or a rule suppresses nothing and is reported where it is', () => {
    const { malformed } = readSuppressions('src/a.ts', text);
    assert.deepEqual(
      malformed.map((found) => [found.line, found.rule, found.severity, found.range.startColumn, found.message]),
      [
        [5, 'nova-ignore', 'warning', 0, 'This nova-ignore comment gives no reason, so it suppresses nothing (loose-equality is still reported).'],
        [7, 'nova-ignore', 'warning', 2, 'This nova-ignore comment names no rule, so it suppresses nothing.'],
      ],
    );
  });

  it('only real // comments count: not the words in a string, a template, a regular expression or a block comment', () => {
    const decoys = [
      "const s = '// nova-ignore loose-equality: in a string';",
      'const t = `${s} // nova-ignore loose-equality`;',
      'const r = /\\/\\/ nova-ignore loose-equality/;',
      '/* // nova-ignore loose-equality */',
      '/** Write `// nova-ignore <rule>: reason` on the line before. */',
      'if (a == b) {}',
    ].join('\n');
    assert.deepEqual(readSuppressions('src/a.ts', decoys), { suppressions: [], malformed: [] });
  });

  it('apply: only findings of a named rule starting on a covered line are suppressed, with the reason', () => {
    const comments = readSuppressions('src/a.ts', text);
    const findings = [at(2, 'loose-equality'), at(2, 'explicit-any'), at(3, 'explicit-any'), at(4, 'loose-equality'), at(6, 'loose-equality')];
    const { reported, suppressed } = applySuppressions(findings, comments);
    assert.deepEqual(reported.map((found) => `${found.line} ${found.rule}`), ['2 explicit-any', '4 loose-equality', '6 loose-equality']);
    assert.deepEqual(suppressed.map((item) => `${item.finding.line} ${item.finding.rule} (${item.commentLine}: ${item.reason})`), ['2 loose-equality (1: compared with a legacy id on purpose)', '3 explicit-any (3: generated code)']);
  });
});
