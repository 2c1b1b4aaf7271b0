import * as assert from 'node:assert/strict';
import { hiddenUnicode } from '../../../src/core/review/hiddenUnicode';
import { runAnalyzers } from '../../../src/core/review/run';
import { ruleFindings } from './ruleFindings';

describe('hidden-unicode', () => {
  it('reports bidirectional controls as errors anywhere: code, strings and comments', () => {
    assert.deepEqual(ruleFindings(hiddenUnicode, [
      'export const isAdmin = "user\u202E \u2066// admin\u2069";',
      '// check access \u202Eelse\u202C',
      'export const role = 1; /* \u2067x\u2069 */',
      'export const تحية = "سلام \u202B";',
    ]), ['1 error: \u202E \u2066// admin\u2069', '2 error: \u202Eelse\u202C', '3 error: \u2067x\u2069', '4 error: \u202B']);
  });

  it('reports invisible characters in identifiers as errors, and tag characters anywhere', () => {
    assert.deepEqual(ruleFindings(hiddenUnicode, [
      'export const ad\u200Bmin = 1;',
      'export const us\u200Cer = 2, gu\u200Dest = 3, wo\u2060rd = 4;',
      'export const note = "ok \u{E0041}\u{E0042}";',
    ]), ['1 error: \u200B', '2 error: \u200Cer = 2, gu\u200Dest = 3, wo\u2060', '3 error: \u{E0041}\u{E0042}']);
  });

  it('does not report ZWNJ/ZWJ inside words of scripts that use them, ZWJ in emoji, or direction marks in right-to-left text', () => {
    assert.deepEqual(ruleFindings(hiddenUnicode, [
      'export const fa = "ورودی نامعتبر: می\u200Cبایست";',
      'export const kn = `ಅಮಾನ್ಯ ಇನ್\u200Cಪುಟ್: ${1}`;',
      'export const hi = "क्\u200Dष";',
      'export const bn = "র\u200D্য";',
      '// ಬೈಟ್\u200Cಗಳು: Kannada in a comment',
      'export const coder = "👩\u200D💻";',
      'export const he = "\u200Fשלום 42";',
      'export const ar = "مرحبا\u061C 1";',
      '/** Persian: خانه\u200Cها */',
    ]), []);
  });

  it('reports other invisible characters in strings and comments as warnings', () => {
    assert.deepEqual(ruleFindings(hiddenUnicode, [
      'export const a = "pass\u200Bword";',
      'export const b = "join\u200Cer";',
      '// zero\u2060width word joiner',
      'export const c = "mark\u200E here";',
      'export const d = "\uFEFFbom in the middle";',
      'export const e = /a\u200Bb/;',
      'export const f = "a\u200Cب", g = "ب\u200C ";',
    ]), ['1 warning: \u200B', '2 warning: \u200C', '3 warning: \u2060', '4 warning: \u200E', '5 warning: \uFEFF', '6 warning: \u200B', '7 warning: \u200Cب", g = "ب\u200C']);
  });

  it('ignores a byte-order mark at the start of the file, and names what it found', () => {
    const text = '\uFEFFexport const a = 1;\nexport const b = "x\u200By";\n';
    const [found, ...others] = runAnalyzers([{ path: 'src/a.ts', text }], { analyzers: [hiddenUnicode] });
    assert.deepEqual(others, []);
    assert.equal(found?.line, 2);
    assert.equal(found?.message, 'Invisible characters in a string or comment (U+200B ZERO WIDTH SPACE): the text is not what it looks like.');
  });
});
