import * as assert from 'node:assert/strict';
import type { ChangeSet } from '../../../src/core/edits/changeSet';
import { newChangeSet } from '../../../src/core/edits/newChangeSet';
import { applyHunks } from '../../../src/core/edits/placement';
import { supersededBy } from '../../../src/core/edits/superseded';

const text = 'import { a, b } from "./x";\nconst one = 1;\nconst two = 2;\nexport const three = a + 3;\n';

function proposing(id: string, line: number, after: string): ChangeSet {
  const before = text.split('\n')[line - 1] as string;
  return newChangeSet(id, 1, { kind: 'agent', agent: 'refactorer', runId: 'r' }, { summary: id, rationale: 'r', risks: [], files: [{ path: 'src/x.ts', hunks: [{ startLine: line, before, after, rationale: 'r' }] }] }, new Map([['src/x.ts', text]]));
}

describe('hunks another accepted change already made', () => {
  it('are superseded in the other waiting change sets; different changes to the same lines are not decided here', () => {
    const fix = proposing('p-fix', 1, 'import { a } from "./x";');
    const sameFromAgent = proposing('p-agent', 1, 'import { a } from "./x";');
    const otherIdea = proposing('p-other', 1, 'import { a, b as bee } from "./x";');
    const elsewhere = proposing('p-elsewhere', 3, 'const two = 2 as const;');
    const accepted = applyHunks(text, fix.files[0] as ChangeSet['files'][number]).text;
    assert.deepEqual(supersededBy([fix, sameFromAgent, otherIdea, elsewhere], 'src/x.ts', accepted, fix.id), [{ changeSetId: 'p-agent', hunkIds: [sameFromAgent.files[0]?.hunks[0]?.id] }]);
    assert.deepEqual(supersededBy([sameFromAgent], 'src/other.ts', accepted), [], 'only hunks of the file that changed');
    assert.deepEqual(supersededBy([sameFromAgent], 'src/x.ts', text), [], 'nothing is superseded before the change is made');
  });
});
