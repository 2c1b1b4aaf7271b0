import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { hunksBetween } from '../../../src/core/edits/lineDiff';
import { applyHunks } from '../../../src/core/edits/lineHunks';

describe('line hunks', () => {
  const text = ['one', 'two', 'three', 'four', ''].join('\n');

  it('apply exactly at startLine; "" means no lines (insert, delete)', () => {
    const result = applyHunks(text, [
      { startLine: 1, before: 'one', after: 'ONE' },
      { startLine: 3, before: '', after: 'two and a half' },
      { startLine: 4, before: 'four', after: '' },
    ]);
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.text, ['ONE', 'two', 'two and a half', 'three', ''].join('\n'));
  });

  it('report a stale before as a conflict and change nothing for it', () => {
    const result = applyHunks(text, [
      { startLine: 2, before: 'TWO', after: '2' },
      { startLine: 9, before: 'x', after: 'y' },
      { startLine: 3, before: 'three\nfour', after: '3\n4' },
      { startLine: 4, before: 'four', after: 'overlap' },
    ]);
    assert.deepEqual(result.conflicts.map((conflict) => `${conflict.hunk}: ${conflict.reason}`), [
      '0: line 2 is "two", but the hunk expects "TWO"',
      '1: startLine 9 is outside the file (4 lines)',
      '3: overlaps hunk 3 (line 3)',
    ]);
    assert.equal(result.text, ['one', 'two', '3', '4', ''].join('\n'));
  });

  it('keep CRLF line breaks and a missing final newline', () => {
    assert.equal(applyHunks('a\r\nb\r\n', [{ startLine: 2, before: 'b', after: 'B\nC' }]).text, 'a\r\nB\r\nC\r\n');
    assert.equal(applyHunks('a\nb', [{ startLine: 1, before: 'a', after: 'A' }]).text, 'A\nb');
  });

  it('diff into hunks that anchor pure insertions on an unchanged line', () => {
    assert.deepEqual(hunksBetween('a\nb\nc\n', 'a\nb\nnew\nc\n'), [{ startLine: 2, before: 'b', after: 'b\nnew' }]);
    assert.deepEqual(hunksBetween('a\nb\nc\n', 'a\nc\n'), [{ startLine: 2, before: 'b', after: '' }]);
    assert.deepEqual(hunksBetween('a\n\nc\n', 'a\nc\n'), [{ startLine: 1, before: 'a\n', after: 'a' }]);
    assert.deepEqual(hunksBetween('same\n', 'same\n'), []);
  });

  it('the hunks of any two texts turn the first into the second', () => {
    const line = fc.constantFrom('a', 'b', 'c', '', 'import x;', '}');
    // What a hunk cannot say: a whole file that is, or becomes, one blank line (no other line to anchor on).
    const oneBlank = (lines: readonly string[]) => lines.length === 1 && lines[0] === '';
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 14 }), fc.array(line, { maxLength: 14 }), (a, b) => {
        fc.pre(!oneBlank(a) && !oneBlank(b));
        const oldText = a.map((line) => `${line}\n`).join('');
        const newText = b.map((line) => `${line}\n`).join('');
        const result = applyHunks(oldText, hunksBetween(oldText, newText));
        assert.deepEqual(result.conflicts, []);
        assert.equal(result.text, newText);
      }),
      { numRuns: 500 },
    );
  });
});
