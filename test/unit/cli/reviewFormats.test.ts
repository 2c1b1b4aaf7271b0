import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { ReviewedFinding } from '../../../src/core/review/filteredReview';
import { printResults } from '../../../src/cli/resultPrinter';
import { exitCode } from '../../../src/cli/reviewCommand';
import { sarifFormat } from '../../../src/cli/review/sarifFormat';
import { textFormat } from '../../../src/cli/review/textFormat';
import { TerminalOutput } from '../../../src/cli/terminalOutput';
import { sarifErrors } from '../../support/sarifSchema';

const range = { startLine: 3, startColumn: 4, endLine: 3, endColumn: 9 };
function found(severity: ReviewedFinding['severity'], rule: string, fingerprint: string, extra: Partial<ReviewedFinding> = {}): ReviewedFinding {
  return { path: 'src/dir with space/a.ts', line: 3, severity, rule, message: `${rule} message`, range, fingerprint, ...extra };
}

describe('nova review formats (in process)', () => {
  const evidence = [{ path: 'src/lib.ts', range: { startLine: 10, startColumn: 0, endLine: 12, endColumn: 1 }, message: 'declared here' }];
  const review = {
    files: ['src/dir with space/a.ts', 'src/lib.ts'],
    findings: [
      found('error', 'hardcoded-secret', 'a'.repeat(32), { confidence: 'high', analyzer: 'hardcoded-secret' } as Partial<ReviewedFinding>),
      found('warning', 'floating-promise', 'b'.repeat(32), { evidence }),
      found('info', 'ts-7028', 'c'.repeat(32)),
      found('hint', 'explicit-any', 'd'.repeat(32), { suggestion: 'Use unknown.' }),
    ],
    suppressed: [{ finding: found('warning', 'loose-equality', 'e'.repeat(32)), reason: 'legacy', commentLine: 2 }],
    baselined: [found('warning', 'empty-catch', 'f'.repeat(32))],
    problems: ['src/big.ts could not be read (too large?)'],
  };
  const report = { folder: '/work/space', review };

  it('sarif: levels error/warning/note, evidence as related locations, suppressions by comment and baseline, problems as notifications — and it validates', () => {
    const log = JSON.parse(sarifFormat(report)) as { runs: [{ results: Record<string, unknown>[]; invocations: [{ toolExecutionNotifications: { message: { text: string } }[] }]; originalUriBaseIds: Record<string, { uri: string }> }] };
    assert.deepEqual(sarifErrors(log), []);
    const [run] = log.runs;
    assert.deepEqual(run.results.map((result) => [result.ruleId, result.level]), [
      ['hardcoded-secret', 'error'],
      ['floating-promise', 'warning'],
      ['ts-7028', 'note'],
      ['explicit-any', 'note'],
      ['loose-equality', 'warning'],
      ['empty-catch', 'warning'],
    ]);
    const [secret, promise, , any, suppressed, baselined] = run.results;
    assert.deepEqual(secret?.properties, { confidence: 'high', analyzer: 'hardcoded-secret' });
    assert.deepEqual(secret?.locations, [{ physicalLocation: { artifactLocation: { uri: 'src/dir%20with%20space/a.ts', uriBaseId: 'WORKSPACE' }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 10 } } }]);
    assert.deepEqual(promise?.relatedLocations, [{ id: 1, physicalLocation: { artifactLocation: { uri: 'src/lib.ts', uriBaseId: 'WORKSPACE' }, region: { startLine: 10, startColumn: 1, endLine: 12, endColumn: 2 } }, message: { text: 'declared here' } }]);
    assert.deepEqual(any?.message, { text: 'explicit-any message Use unknown.' });
    assert.deepEqual(suppressed?.suppressions, [{ kind: 'inSource', justification: 'legacy' }]);
    assert.deepEqual(baselined?.suppressions, [{ kind: 'external', justification: 'Accepted in .nova/review-baseline.json' }]);
    assert.deepEqual(baselined?.partialFingerprints, { 'novaFingerprint/v1': 'f'.repeat(32) });
    assert.deepEqual(run.invocations[0].toolExecutionNotifications.map((note) => note.message.text), review.problems);
    assert.equal(run.originalUriBaseIds.WORKSPACE?.uri, 'file:///work/space/');
  });

  it('sarif: text from the workspace is ASCII-escaped, so no bidi control reaches a terminal', () => {
    const sneaky = { ...report, review: { ...review, findings: [found('error', 'hidden-unicode', 'a'.repeat(32), { message: 'has \u202e inside' })] } };
    const text = sarifFormat(sneaky);
    assert.ok(!text.includes('\u202e'));
    assert.match(text, /has \\u202e inside/);
    assert.equal((JSON.parse(text) as { runs: [{ results: [{ message: { text: string } }] }] }).runs[0].results[0].message.text, 'has \u202e inside');
  });

  it('text: column 1-based, the severity table lists only severities found', () => {
    const lines = textFormat(report).split('\n');
    assert.equal(lines[0], 'src/dir with space/a.ts:3:5 error hardcoded-secret hardcoded-secret message');
    assert.ok(lines.includes('4 findings in 1 file (2 files reviewed); 1 suppressed by nova-ignore comment; 1 in the baseline.'));
    assert.deepEqual(lines.filter((line) => /^ {2}(error|warning|info|hint) /.test(line)), ['  error     1', '  warning   1', '  info      1', '  hint      1']);
    assert.equal(lines.at(-2), '! src/big.ts could not be read (too large?)');
  });
});

describe('nova review exit codes', () => {
  const only = (...severities: ReviewedFinding['severity'][]) => ({ files: [], findings: severities.map((severity, at) => found(severity, 'r', String(at).repeat(32))), suppressed: [], baselined: [], problems: [] });
  it('--fail-on: error fails on errors, warning on warnings and errors, never on nothing; info and hint never fail', () => {
    assert.deepEqual(
      (['error', 'warning', 'never'] as const).map((failOn) => [exitCode(only('error'), failOn), exitCode(only('warning'), failOn), exitCode(only('info', 'hint'), failOn), exitCode(only(), failOn)]),
      [
        [1, 0, 0, 0],
        [1, 1, 0, 0],
        [0, 0, 0, 0],
      ],
    );
  });
});

describe('nova run prints every result an agent returns', () => {
  function printed(run: Parameters<typeof printResults>[0]): string {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    printResults(run, new TerminalOutput(stream));
    return chunks.join('');
  }
  const verdict = { verdict: 'request_changes', confidence: 0.7, summary: 'Two problems.', findings: [{ path: 'src/a.ts', line: 4, severity: 'warning', rule: 'loose-equality', message: '`a == b`\ncompares' }] };

  it('a verdict: its outcome, summary and every finding as path:line:col lines', () => {
    const result = { agent: 'reviewer', contract: 'ReviewVerdict', payload: verdict, via: 'result' as const };
    assert.equal(printed({ artifacts: [result], result }), '\nVerdict from reviewer: request changes (confidence 0.7), 1 finding:\nTwo problems.\nsrc/a.ts:4:1 warning loose-equality `a == b` compares\n');
  });

  it('a change report after the verdict handed to its writer', () => {
    const report = { title: 'Use ===', whatChanged: [{ path: 'src/a.ts', summary: '== → ===' }], why: 'Coercion.', gates: [{ name: 'typecheck', status: 'passed', evidence: '0 errors' }, { name: 'tests', status: 'failed', evidence: '1 failing' }], risks: ['none known'] };
    const handed = { agent: 'reviewer', contract: 'ReviewVerdict', payload: { ...verdict, findings: [] }, via: 'handoff' as const };
    const result = { agent: 'reporter', contract: 'ChangeReport', payload: report, via: 'result' as const };
    assert.equal(
      printed({ artifacts: [handed, result], result }),
      '\nVerdict from reviewer: request changes (confidence 0.7), 0 findings:\nTwo problems.\n\nReport from reporter: Use ===\nCoercion.\n  · src/a.ts: == → ===\n  ✓ typecheck passed: 0 errors\n  ✗ tests failed: 1 failing\n  ! none known\n',
    );
  });
});
