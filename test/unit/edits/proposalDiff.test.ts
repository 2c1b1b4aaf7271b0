import * as assert from 'node:assert/strict';
import { proposalDiffs } from '../../../src/core/edits/proposalDiff';

const text = ['import { a } from "a";', 'import { b } from "b";', '', 'export const x = a == 1;', ''].join('\n');
const hunk = (startLine: number, before: string, after: string) => ({ startLine, before, after, rationale: 'r' });

describe('edits: a proposal as unified diffs', () => {
  it('diffs each file against its current text, without writing anything', async () => {
    const proposal = { summary: 's', rationale: 'r', risks: [], files: [{ path: 'src/x.ts', hunks: [hunk(4, 'export const x = a == 1;', 'export const x = a === 1;')] }] };
    const [diff] = await proposalDiffs(proposal, async () => text);
    assert.match(diff?.patch ?? '', /^--- a\/src\/x\.ts\n\+\+\+ b\/src\/x\.ts\n@@ -1,4 \+1,4 @@[\s\S]*-export const x = a == 1;\n\+export const x = a === 1;/);
    assert.deepEqual(diff?.conflicts, []);
  });

  it('names a hunk whose text changed underneath as a conflict', async () => {
    const proposal = { summary: 's', rationale: 'r', risks: [], files: [{ path: 'src/x.ts', hunks: [hunk(1, 'import { a } from "A";', '')] }] };
    const [diff] = await proposalDiffs(proposal, async () => text);
    assert.equal(diff?.conflicts.length, 1);
    assert.match(diff?.conflicts[0]?.reason ?? '', /line 1 is .* but the hunk expects/);
  });
});
