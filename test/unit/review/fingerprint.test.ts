import * as assert from 'node:assert/strict';
import { fingerprints } from '../../../src/core/review/fingerprint';

describe('finding fingerprints', () => {
  const found = { path: 'src/a.ts', rule: 'loose-equality', text: 'if (a == b) {' };

  it('stay the same when the line moves or is re-indented', () => {
    const [before] = fingerprints([found]);
    const [after] = fingerprints([{ ...found, text: '      if (a ==   b) {' }]);
    assert.equal(after, before);
  });

  it('differ by rule, by path and by the flagged text', () => {
    const [base, otherRule, otherPath, otherText] = fingerprints([
      found,
      { ...found, rule: 'explicit-any' },
      { ...found, path: 'src/b.ts' },
      { ...found, text: 'if (a == c) {' },
    ]);
    assert.equal(new Set([base, otherRule, otherPath, otherText]).size, 4);
  });

  it('tell identical findings in one file apart by their order, and keep the first one stable', () => {
    const [first, second] = fingerprints([found, found]);
    assert.notEqual(first, second);
    assert.equal(fingerprints([found])[0], first);
  });
});
