/**
 * What a person reads and gets when a hunk meets a file that is not quite as proposed (issue 18's
 * mutation testing found these unpinned): the conflict that names the hunk and says exactly why
 * (which line, which text, how often it was found), a file proposed as new, a hunk that carries no
 * context or whose context a neighbouring hunk cut, the order of edits at the end of a file without
 * a final newline, and a byte order mark kept when the only line goes.
 */
import * as assert from 'node:assert/strict';
import { applyHunks, type PlaceableFile, type PlaceableHunk } from '../../../src/core/edits/placement';
import { textHash } from '../../../src/core/edits/textHash';

/** Hunks checked exactly at their startLine (no recorded base). */
const exact = (hunks: readonly PlaceableHunk[]): PlaceableFile => ({ path: 'a.ts', hunks });
/** Hunks proposed against `base`, placed in a file that may have changed since. */
const against = (base: string, hunks: readonly PlaceableHunk[]): PlaceableFile => ({ path: 'a.ts', baseHash: textHash(base), hunks });
const reasons = (current: string | undefined, file: PlaceableFile) => applyHunks(current, file).conflicts.map((conflict) => conflict.reason);
const appliedText = (current: string, file: PlaceableFile) => {
  const result = applyHunks(current, file);
  assert.deepEqual(result.conflicts, [], 'no conflict expected');
  return result.text;
};

describe('placing hunks: the details a person sees', () => {
  describe('conflicts', () => {
    it('name the hunk by its id when it has one, and carry no id when it has none', () => {
      const result = applyHunks('a\n', exact([{ id: 'h-7', startLine: 1, before: 'x', after: 'y' }, { startLine: 1, before: 'z', after: 'y' }]));
      assert.deepEqual(
        result.conflicts.map((conflict) => Object.keys(conflict).sort()),
        [['hunk', 'hunkId', 'path', 'reason', 'startLine'], ['hunk', 'path', 'reason', 'startLine']],
      );
      assert.equal(result.conflicts[0]?.hunkId, 'h-7');
    });

    it('say which line of the hunk differs, and quote both texts', () => {
      assert.deepEqual(reasons('a\nb\nc\n', exact([{ startLine: 1, before: 'a\nb\nX', after: '' }])), ['line 3 is "c", but the hunk expects "X"']);
    });

    it('quote a long line cut to 117 characters, and one of 120 whole', () => {
      const long = 'x'.repeat(121);
      const fits = 'y'.repeat(120);
      assert.deepEqual(reasons(`${long}\n${fits}\n`, exact([{ startLine: 1, before: 'a', after: '' }, { startLine: 2, before: 'b', after: '' }])), [
        `line 1 is "${'x'.repeat(117)}...", but the hunk expects "a"`,
        `line 2 is "${fits}", but the hunk expects "b"`,
      ]);
    });

    it('in a changed file, say at which lines the hunk is found when it is found more than once', () => {
      const base = 'k\nsame\nafter\nz\n';
      const hunk = { startLine: 2, before: 'same', after: 'SAME', context: { above: ['k'], below: ['after'] } };
      assert.deepEqual(reasons('k\nsame\nafter\nk\nsame\nafter\n', against(base, [hunk])), [
        'the file changed, and the hunk\'s lines are found 2 times (lines 2, 5): which one is meant is not certain',
      ]);
    });

    it('in a changed file, quote the first line the hunk expected, or nothing for an insertion', () => {
      const base = 'a\nb\nc\nd\n';
      assert.deepEqual(reasons('a\nB\nc\nd\n', against(base, [{ startLine: 2, before: 'b\nc', after: 'x', context: { above: ['a'], below: ['d'] } }])), [
        'the file changed at these lines since the proposal (line 2, "b")',
      ]);
      assert.deepEqual(reasons('a\nB\nc\nd\n', against(base, [{ startLine: 2, before: '', after: 'x', context: { above: ['a'], below: ['b'] } }])), [
        'the file changed at these lines since the proposal (line 2)',
      ]);
    });

    it('in a changed file, an insertion with no lines around it cannot be found again, wherever it was', () => {
      const base = 'a\nb\nc\n';
      const why = 'the file changed, and the hunk has no lines to find it by';
      assert.deepEqual(reasons('top\na\nb\nc\n', against(base, [{ startLine: 2, before: '', after: 'x', context: { above: [], below: [] } }])), [why]);
      // At the top, but not also the end of the file: the person's new first lines may be where it goes, or not.
      assert.deepEqual(reasons('top\na\nb\nc\n', against(base, [{ startLine: 1, before: '', after: 'x' }])), [why]);
    });

    it('a hunk whose context above a neighbouring hunk cut is never taken as already applied', () => {
      // "b" became "B" here; the person put a "B" under the "b" that is still there, so the hunk is not done.
      const base = 'a\nb\nc\n';
      const hunk = { startLine: 2, before: 'b', after: 'B', context: { above: [], below: ['c'] } };
      const result = applyHunks('a\nb\nB\nc\n', against(base, [hunk]));
      assert.deepEqual([result.superseded, result.conflicts.length], [[], 1]);
    });
  });

  describe('where a hunk goes', () => {
    it('in a file the base was read from, at its startLine even when its lines are found twice', () => {
      const base = 'same\nx\nsame\n';
      assert.equal(appliedText(base, against(base, [{ startLine: 3, before: 'same', after: 'SAME' }])), 'same\nx\nSAME\n');
    });

    it('in a changed file, by its own lines when it carries no context', () => {
      const base = 'a\nb\nc\n';
      const result = applyHunks('top\na\nb\nc\n', against(base, [{ startLine: 2, before: 'b', after: 'B' }]));
      assert.deepEqual([result.conflicts, result.placed[0]?.startLine, result.placed[0]?.rebased, result.text], [[], 3, true, 'top\na\nB\nc\n']);
    });

    it('in a file proposed as new that still does not exist, at its word, and a line further is outside it', () => {
      const created = applyHunks(undefined, { path: 'new.ts', baseHash: null, hunks: [{ startLine: 1, before: '', after: 'a\nb' }] });
      assert.deepEqual([created.conflicts, created.text], [[], 'a\nb\n']);
      assert.deepEqual(reasons(undefined, { path: 'new.ts', hunks: [{ startLine: 2, before: '', after: 'a' }] }), ['startLine 2 is outside the file (0 lines)']);
    });
  });

  describe('a file without a final newline', () => {
    it('lines appended after its last line was replaced come after it, whichever hunk is given first', () => {
      const replace = { startLine: 2, before: 'b', after: 'B' };
      const append = { startLine: 3, before: '', after: 'x' };
      assert.equal(appliedText('a\nb', exact([append, replace])), 'a\nB\nx');
      assert.equal(appliedText('a\nb', exact([replace, append])), 'a\nB\nx');
    });

    it('lines appended after another line was replaced still get the break the last line lacks', () => {
      assert.equal(appliedText('a\nb', exact([{ startLine: 1, before: 'a', after: 'A' }, { startLine: 3, before: '', after: 'x' }])), 'A\nb\nx');
    });

    it('two appends keep their order, and only the first brings the break', () => {
      assert.equal(appliedText('a', exact([{ startLine: 2, before: '', after: 'x' }, { startLine: 2, before: '', after: 'y' }])), 'a\nx\ny');
    });

    it('its last line deleted and a line inserted in its place ends with that line, whichever hunk is given first', () => {
      const remove = { startLine: 2, before: 'b', after: '' };
      const insert = { startLine: 2, before: '', after: 'x' };
      assert.equal(appliedText('a\nb', exact([remove, insert])), 'a\nx');
      assert.equal(appliedText('a\nb', exact([insert, remove])), 'a\nx');
    });

    it('its only line deleted leaves the byte order mark', () => {
      assert.equal(appliedText('\uFEFFa', exact([{ startLine: 1, before: 'a', after: '' }])), '\uFEFF');
    });
  });

  it('a zero-width no-break space inside a line a hunk writes is kept; only a leading one is the file’s mark', () => {
    assert.equal(appliedText('x\n', exact([{ startLine: 1, before: 'x', after: 'a\uFEFFb' }])), 'a\uFEFFb\n');
    assert.equal(appliedText('x\n', exact([{ startLine: 1, before: '\uFEFFx', after: 'y' }])), 'y\n');
  });
});
