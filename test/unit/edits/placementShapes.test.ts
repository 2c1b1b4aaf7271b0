/**
 * The file and hunk shapes the change model's apply must get exactly right (issue 18 found them
 * untested): a one-line file without a final newline, lines appended at the end, hunks side by side
 * or given out of order (which must not conflict), every way two hunks can overlap (which must, or
 * one misapplies silently), and an insertion beside a replacement at the same line.
 */
import * as assert from 'node:assert/strict';
import { applyEdits, applyHunks, placeHunks, type PlaceableHunk } from '../../../src/core/edits/placement';

/** Hunks as an agent proposes them, checked exactly at their startLine (no recorded base). */
const exact = (hunks: readonly PlaceableHunk[]) => ({ path: 'a.ts', hunks });
const applied = (text: string, hunks: readonly PlaceableHunk[]) => {
  const result = applyHunks(text, exact(hunks));
  assert.deepEqual(result.conflicts, [], 'no conflict expected');
  return result.text;
};
const conflicts = (text: string, hunks: readonly PlaceableHunk[]) => applyHunks(text, exact(hunks)).conflicts.map((conflict) => `${conflict.hunk}: ${conflict.reason}`);

describe('placing hunks: shapes of files and hunks', () => {
  const text = 'one\ntwo\nthree\nfour\n';

  describe('a one-line file without a final newline', () => {
    it('a replaced line stays without a break', () => {
      assert.equal(applied('a', [{ startLine: 1, before: 'a', after: 'A' }]), 'A');
      assert.equal(applied('a', [{ startLine: 1, before: 'a', after: 'A\nB' }]), 'A\nB');
    });

    it('its only line deleted leaves an empty file', () => {
      assert.equal(applied('a', [{ startLine: 1, before: 'a', after: '' }]), '');
    });

    it('a line added before or after it gets a break between them, and none at the end', () => {
      assert.equal(applied('a', [{ startLine: 1, before: '', after: 'z' }]), 'z\na');
      assert.equal(applied('a', [{ startLine: 2, before: '', after: 'b' }]), 'a\nb');
      assert.equal(applied('a', [{ startLine: 2, before: '', after: 'b\nc' }]), 'a\nb\nc');
    });

    it('keeps CRLF when it adds the missing break', () => {
      assert.equal(applied('x\r\na', [{ startLine: 3, before: '', after: 'b' }]), 'x\r\na\r\nb');
      assert.equal(applied('x\r\na', [{ startLine: 2, before: 'a', after: '' }]), 'x');
    });
  });

  describe('appending at the end of a file (startLine = lines + 1, before "")', () => {
    it('adds the lines after the last one, with the file’s line break', () => {
      assert.equal(applied(text, [{ startLine: 5, before: '', after: 'five' }]), 'one\ntwo\nthree\nfour\nfive\n');
      assert.equal(applied('a\r\nb\r\n', [{ startLine: 3, before: '', after: 'c' }]), 'a\r\nb\r\nc\r\n');
    });

    it('to an empty file: the lines, each ending with a break', () => {
      assert.equal(applied('', [{ startLine: 1, before: '', after: 'x\ny' }]), 'x\ny\n');
    });

    it('one line further is outside the file', () => {
      assert.deepEqual(conflicts(text, [{ startLine: 6, before: '', after: 'six' }]), ['0: startLine 6 is outside the file (4 lines)']);
      assert.deepEqual(conflicts(text, [{ startLine: 4, before: 'four\nfive', after: 'x' }]), ["0: the hunk's 2 lines run past the end of the file (4 lines)"]);
    });

    it('with the last line also replaced, in either order', () => {
      const hunks: PlaceableHunk[] = [
        { startLine: 4, before: 'four', after: 'FOUR' },
        { startLine: 5, before: '', after: 'five' },
      ];
      assert.equal(applied(text, hunks), 'one\ntwo\nthree\nFOUR\nfive\n');
      assert.equal(applied(text, [...hunks].reverse()), 'one\ntwo\nthree\nFOUR\nfive\n');
      assert.equal(applied('one\nfour', hunks.map((hunk) => ({ ...hunk, startLine: hunk.startLine - 2 }))), 'one\nFOUR\nfive');
    });

    it('with the last lines of a file without a final newline deleted, the break before them goes too', () => {
      assert.equal(applied('a\nb\nc', [{ startLine: 2, before: 'b\nc', after: '' }]), 'a');
      assert.equal(applied('a\nb\nc', [{ startLine: 2, before: 'b', after: '' }, { startLine: 3, before: 'c', after: '' }]), 'a');
      assert.equal(applied('a\r\nb\r\nc', [{ startLine: 2, before: 'b\nc', after: '' }]), 'a');
      assert.equal(applied('a\nb\nc', [{ startLine: 1, before: 'a', after: 'A' }, { startLine: 2, before: 'b\nc', after: '' }]), 'A');
    });
  });

  describe('hunks that do not overlap are all applied', () => {
    it('adjacent hunks, one line apart and side by side', () => {
      assert.equal(applied(text, [{ startLine: 1, before: 'one', after: '1' }, { startLine: 2, before: 'two', after: '2' }]), '1\n2\nthree\nfour\n');
      assert.equal(applied(text, [{ startLine: 1, before: 'one\ntwo', after: '12' }, { startLine: 3, before: 'three\nfour', after: '34' }]), '12\n34\n');
    });

    it('hunks given out of order, placed where each says', () => {
      const result = applyHunks(text, exact([
        { startLine: 4, before: 'four', after: '4' },
        { startLine: 1, before: 'one', after: '1' },
        { startLine: 3, before: 'three', after: '3' },
      ]));
      assert.deepEqual(result.conflicts, []);
      assert.equal(result.text, '1\ntwo\n3\n4\n');
      assert.deepEqual(result.placed.map((placed) => [placed.hunk, placed.startLine, placed.lineCount, placed.rebased]), [
        [0, 4, 1, false],
        [1, 1, 1, false],
        [2, 3, 1, false],
      ]);
    });

    it('insertions at either edge of a replaced range', () => {
      assert.equal(applied(text, [{ startLine: 2, before: 'two\nthree', after: 'X' }, { startLine: 2, before: '', after: 'above' }]), 'one\nabove\nX\nfour\n');
      assert.equal(applied(text, [{ startLine: 2, before: 'two\nthree', after: 'X' }, { startLine: 4, before: '', after: 'below' }]), 'one\nX\nbelow\nfour\n');
    });
  });

  describe('hunks that overlap conflict, and the first one given is applied alone', () => {
    const shapes: [string, PlaceableHunk, PlaceableHunk][] = [
      ['the same lines', { startLine: 2, before: 'two', after: 'A' }, { startLine: 2, before: 'two', after: 'B' }],
      ['the second inside the first', { startLine: 1, before: 'one\ntwo\nthree', after: 'A' }, { startLine: 2, before: 'two', after: 'B' }],
      ['the first inside the second', { startLine: 2, before: 'two', after: 'A' }, { startLine: 1, before: 'one\ntwo\nthree', after: 'B' }],
      ['the second running past the first’s end', { startLine: 1, before: 'one\ntwo', after: 'A' }, { startLine: 2, before: 'two\nthree', after: 'B' }],
      ['the second starting before the first', { startLine: 2, before: 'two\nthree', after: 'A' }, { startLine: 1, before: 'one\ntwo', after: 'B' }],
      ['an insertion strictly inside a replaced range', { startLine: 1, before: 'one\ntwo\nthree', after: 'A' }, { startLine: 2, before: '', after: 'B' }],
      ['a replaced range around an earlier insertion', { startLine: 3, before: '', after: 'A' }, { startLine: 2, before: 'two\nthree', after: 'B' }],
    ];
    for (const [shape, first, second] of shapes) {
      it(shape, () => {
        const result = applyHunks(text, exact([first, second]));
        assert.deepEqual(result.conflicts.map((conflict) => [conflict.hunk, conflict.startLine, conflict.reason]), [[1, second.startLine, `overlaps hunk 1 (line ${first.startLine})`]]);
        assert.equal(result.text, applied(text, [first]));
      });
    }
  });

  describe('an insertion and a replacement at the same line', () => {
    it('the inserted lines come before the replaced one, in either order', () => {
      const insertion: PlaceableHunk = { startLine: 2, before: '', after: 'new' };
      const replacement: PlaceableHunk = { startLine: 2, before: 'two', after: 'TWO' };
      assert.equal(applied(text, [insertion, replacement]), 'one\nnew\nTWO\nthree\nfour\n');
      assert.equal(applied(text, [replacement, insertion]), 'one\nnew\nTWO\nthree\nfour\n');
    });

    it('two insertions at one place keep the order they are given in', () => {
      assert.equal(applied(text, [{ startLine: 2, before: '', after: 'first' }, { startLine: 2, before: '', after: 'second' }]), 'one\nfirst\nsecond\ntwo\nthree\nfour\n');
      assert.equal(applied('a', [{ startLine: 2, before: '', after: 'first' }, { startLine: 2, before: '', after: 'second' }]), 'a\nfirst\nsecond');
    });
  });

  it('edits made at one offset keep the order they are given in; from the end, so offsets stay true', () => {
    assert.equal(applyEdits('abc', [{ start: 1, end: 1, text: 'X' }, { start: 1, end: 1, text: 'Y' }]), 'aXYbc');
    assert.equal(applyEdits('abc', [{ start: 0, end: 1, text: 'A' }, { start: 2, end: 3, text: 'C' }]), 'AbC');
    assert.equal(applyEdits('abc', [{ start: 1, end: 2, text: 'B' }, { start: 1, end: 1, text: '+' }]), 'a+Bc');
  });

  it('a byte order mark stays at the start of the file, before inserted lines', () => {
    assert.equal(applied('\uFEFFa\n', [{ startLine: 1, before: '', after: 'z' }]), '\uFEFFz\na\n');
    assert.equal(applied('\uFEFFa\n', [{ startLine: 1, before: '\uFEFFa', after: 'A' }]), '\uFEFFA\n');
    assert.deepEqual(placeHunks('\uFEFFa\n', exact([{ startLine: 1, before: 'a', after: 'A' }])).placed[0]?.edit, { start: 1, end: 3, text: 'A\n' });
  });

  it('a CR an agent copied from a CRLF file is not part of the line it matches', () => {
    assert.equal(applied('a\r\nb\r\n', [{ startLine: 1, before: 'a\r\nb\r', after: 'A\r\nB' }]), 'A\r\nB\r\n');
  });
});
