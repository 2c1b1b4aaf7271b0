import * as assert from 'node:assert/strict';
import { applyHunks } from '../../../src/core/edits/applyHunks';
import { proposalDiffs } from '../../../src/core/edits/proposalDiff';

const text = ['import { a } from "a";', 'import { b } from "b";', '', 'export const x = a == 1;', ''].join('\n');

describe('edits: applying a proposal’s hunks', () => {
  it('applies hunks bottom-up against exact context', () => {
    const result = applyHunks(text, [
      { startLine: 2, before: 'import { b } from "b";', after: '' },
      { startLine: 4, before: 'export const x = a == 1;', after: 'export const x = a === 1;' },
    ]);
    assert.deepEqual(result.conflicts, []);
    assert.equal(result.applied, 2);
    assert.equal(result.text, ['import { a } from "a";', '', 'export const x = a === 1;', ''].join('\n'));
  });

  it('reports a hunk whose text changed underneath as a conflict and applies the rest', () => {
    const result = applyHunks(text, [
      { startLine: 1, before: 'import { a } from "A";', after: '' },
      { startLine: 4, before: 'export const x = a == 1;', after: 'export const x = a === 1;' },
    ]);
    assert.equal(result.applied, 1);
    assert.deepEqual(result.conflicts, [{ index: 0, startLine: 1, reason: 'the file no longer has the expected text at line 1' }]);
  });

  it('refuses overlapping hunks and hunks past the end, and keeps CRLF line ends', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const result = applyHunks(crlf, [
      { startLine: 1, before: 'import { a } from "a";\nimport { b } from "b";', after: 'import { a, b } from "ab";' },
      { startLine: 2, before: 'import { b } from "b";', after: '' },
      { startLine: 40, before: 'x', after: 'y' },
    ]);
    assert.deepEqual(result.conflicts.map((c) => c.reason), ['overlaps another hunk', 'line 40 is past the end of the file (5 lines)']);
    assert.ok(result.text.startsWith('import { a } from "a";\r\n\r\n') || result.text.startsWith('import { a, b } from "ab";\r\n'));
  });

  it('shows a proposal as a unified diff without writing anything', async () => {
    const proposal = { summary: 's', rationale: 'r', risks: [], files: [{ path: 'src/x.ts', hunks: [{ startLine: 4, before: 'export const x = a == 1;', after: 'export const x = a === 1;', rationale: 'strict' }] }] };
    const [diff] = await proposalDiffs(proposal, async () => text);
    assert.match(diff?.patch ?? '', /^--- a\/src\/x\.ts\n\+\+\+ b\/src\/x\.ts\n@@ -1,4 \+1,4 @@[\s\S]*-export const x = a == 1;\n\+export const x = a === 1;/);
  });
});
