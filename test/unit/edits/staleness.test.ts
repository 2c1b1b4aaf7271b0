import * as assert from 'node:assert/strict';
import type { ChangeSet } from '../../../src/core/edits/changeSet';
import { newChangeSet } from '../../../src/core/edits/newChangeSet';
import { staleHunks } from '../../../src/core/edits/staleness';

const text = ['import { a } from "./a";', 'let unused = 1;', '', 'export function f(): number {', '  return a;', '}', ''].join('\n');

function proposed(): ChangeSet {
  return newChangeSet(
    'cs-1',
    0,
    { kind: 'fix', rule: 'ts-6133', path: 'src/f.ts', line: 2, title: "Remove unused declaration for: 'unused'" },
    { summary: 'unused', rationale: 'unused', files: [{ path: 'src/f.ts', hunks: [{ startLine: 2, before: 'let unused = 1;', after: '', rationale: 'never read' }] }], risks: [] },
    new Map([['src/f.ts', text]]),
  );
}

describe('a stale change set: one whose open hunks no longer match the current text', () => {
  it('is not stale against the text it was proposed on, nor after edits elsewhere in the file (the hunk rebases)', () => {
    assert.deepEqual(staleHunks(proposed(), () => text), []);
    assert.deepEqual(staleHunks(proposed(), () => `// a comment\n// another\n${text}`), []);
  });

  it('is stale once the person edits the hunk’s lines, naming the hunk and why', () => {
    const edited = text.replace('let unused = 1;', 'let unused = 2;');
    const conflicts = staleHunks(proposed(), () => edited);
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]?.hunkId, proposed().files[0]?.hunks[0]?.id);
    assert.equal(conflicts[0]?.path, 'src/f.ts');
  });

  it('is stale when the file is gone', () => {
    assert.match(staleHunks(proposed(), () => undefined)[0]?.reason ?? '', /no longer exists/);
  });

  it('is not stale once the file already holds the change, nor for hunks already decided', () => {
    assert.deepEqual(staleHunks(proposed(), () => text.replace('let unused = 1;\n', '')), []);
    const set = proposed();
    const decided: ChangeSet = { ...set, files: set.files.map((file) => ({ ...file, hunks: file.hunks.map((hunk) => ({ ...hunk, status: 'rejected' as const })) })) };
    assert.deepEqual(staleHunks(decided, () => 'something else entirely\n'), []);
  });
});
