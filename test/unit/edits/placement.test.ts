import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { hunksBetween } from '../../../src/core/edits/lineDiff';
import { fileChange } from '../../../src/core/edits/newChangeSet';
import { applyHunks, type PlaceableHunk } from '../../../src/core/edits/placement';

/** Hunks as an agent proposes them, checked exactly at their startLine (no recorded base). */
const exact = (hunks: readonly PlaceableHunk[]) => ({ path: 'a.ts', hunks });

describe('placing hunks', () => {
  const text = ['one', 'two', 'three', 'four', ''].join('\n');

  it('apply exactly at startLine; "" means no lines (insert, delete)', () => {
    const result = applyHunks(text, exact([
      { startLine: 1, before: 'one', after: 'ONE' },
      { startLine: 3, before: '', after: 'two and a half' },
      { startLine: 4, before: 'four', after: '' },
    ]));
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.text, ['ONE', 'two', 'two and a half', 'three', ''].join('\n'));
  });

  it('report a stale before as a conflict and change nothing for it', () => {
    const result = applyHunks(text, exact([
      { startLine: 2, before: 'TWO', after: '2' },
      { startLine: 9, before: 'x', after: 'y' },
      { startLine: 3, before: 'three\nfour', after: '3\n4' },
      { startLine: 4, before: 'four', after: 'overlap' },
    ]));
    assert.deepEqual(result.conflicts.map((conflict) => `${conflict.hunk}: ${conflict.reason}`), [
      '0: line 2 is "two", but the hunk expects "TWO"',
      '1: startLine 9 is outside the file (4 lines)',
      '3: overlaps hunk 3 (line 3)',
    ]);
    assert.equal(result.text, ['one', 'two', '3', '4', ''].join('\n'));
  });

  it('keep CRLF line breaks and a missing final newline', () => {
    assert.equal(applyHunks('a\r\nb\r\n', exact([{ startLine: 2, before: 'b', after: 'B\nC' }])).text, 'a\r\nB\r\nC\r\n');
    assert.equal(applyHunks('a\nb', exact([{ startLine: 1, before: 'a', after: 'A' }])).text, 'A\nb');
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
        const result = applyHunks(oldText, exact(hunksBetween(oldText, newText)));
        assert.deepEqual(result.conflicts, []);
        assert.equal(result.text, newText);
      }),
      { numRuns: 500 },
    );
  });

  const proposed = (text: string, hunks: { startLine: number; before: string; after: string }[]) =>
    fileChange('a.ts', { text }, hunks.map((hunk) => ({ ...hunk, rationale: 'r' })), 'refactorer');

  it('rebase a hunk whose lines the person shifted, and leave what they typed', () => {
    const base = 'a\nb\nc\nd\ne\nf\ng\n';
    const file = proposed(base, [{ startLine: 5, before: 'e', after: 'E' }]);
    const result = applyHunks('typed\na\nb\nc\nd\ne\nf\ng\n', file);
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.placed[0]?.rebased, true);
    assert.equal(result.text, 'typed\na\nb\nc\nd\nE\nf\ng\n');
  });

  it('report a conflict when the person edited the lines or their neighbours, and supersede a hunk already applied', () => {
    const base = 'a\nb\nc\nd\ne\n';
    const file = proposed(base, [{ startLine: 3, before: 'c', after: 'C' }]);
    assert.match(applyHunks('a\nb\ncc\nd\ne\n', file).conflicts[0]?.reason ?? '', /changed at these lines/);
    assert.match(applyHunks('a\nB\nc\nd\ne\n', file).conflicts[0]?.reason ?? '', /changed at these lines/);
    const again = applyHunks('x\na\nb\nC\nd\ne\n', file);
    assert.deepEqual([again.superseded, again.conflicts, again.text], [[0], [], 'x\na\nb\nC\nd\ne\n']);
  });

  it('report a conflict when the changed file holds the hunk twice', () => {
    const base = 'x\nsame\ny\n';
    const file = { ...proposed(base, [{ startLine: 2, before: 'same', after: 'SAME' }]), hunks: proposed(base, [{ startLine: 2, before: 'same', after: 'SAME' }]).hunks.map((hunk) => ({ ...hunk, context: { above: [], below: [] } })) };
    assert.match(applyHunks('same\nx\nsame\ny\n', file).conflicts[0]?.reason ?? '', /found 2 times/);
  });

  it('a file that no longer exists conflicts; one that did not exist is created', () => {
    const file = proposed('a\n', [{ startLine: 1, before: 'a', after: 'b' }]);
    assert.match(applyHunks(undefined, file).conflicts[0]?.reason ?? '', /no longer exists/);
    const created = fileChange('new.ts', { text: undefined }, [{ startLine: 1, before: '', after: 'hello', rationale: 'r' }], 'refactorer');
    assert.equal(created.baseHash, null);
    assert.equal(applyHunks(undefined, created).text, 'hello\n');
  });

  it('edit offsets touch only the hunk: line endings elsewhere are kept', () => {
    const text = 'a\r\nb\nc\r\nd';
    const result = applyHunks(text, exact([{ startLine: 2, before: 'b', after: 'B' }, { startLine: 4, before: 'd', after: '' }]));
    assert.equal(result.text, 'a\r\nB\r\nc');
  });
});
