/**
 * The editor's view of proposed hunks without VS Code: where each open hunk is in the text as the
 * person has it now (the same rules accepting uses), which one the cursor is on, next/previous,
 * the note drawn after a hunk, and the "Why?" Markdown.
 */
import * as assert from 'node:assert/strict';
import type { ChangeSet } from '../../../src/core/edits/changeSet';
import { newChangeSet } from '../../../src/core/edits/newChangeSet';
import { hunkWhy } from '../../../src/extension/proposals/hunkWhy';
import { coveredLines, neighbourHunk, proposedHunkAt, proposedHunks, proposedSummary } from '../../../src/extension/proposals/proposedHunks';

const text = ['function a() {', '  return 1;', '}', '', 'function b() {', '  return 2;', '}', '', 'function c() {', '  return 3;', '}', ''].join('\n');

function changeSet(id: string, source: ChangeSet['source'] = { kind: 'agent', agent: 'refactorer', runId: 'run-7', provenance: { origin: 'workspace', file: '.nova/agents/refactorer.md' } }): ChangeSet {
  return newChangeSet(id, 1, source, {
    summary: 'Return more',
    rationale: 'Bigger numbers.',
    risks: ['callers expect 1'],
    files: [
      {
        path: 'src/n.ts',
        hunks: [
          { startLine: 2, before: '  return 1;', after: '  return 10;', rationale: 'Ten is rounder.' },
          { startLine: 6, before: '  return 2;', after: '  return 20;\n  // twenty', rationale: 'Twenty.' },
          { startLine: 10, before: '  return 3;', after: '', rationale: 'Dead code [click](http://x)' },
        ],
      },
    ],
  }, new Map([['src/n.ts', text]]));
}

describe('extension: proposed hunks in the editor', () => {
  it('places every open hunk at its lines in the unchanged text, sorted, and leaves other files and decided hunks out', () => {
    const set = changeSet('p-one');
    const decided: ChangeSet = { ...set, files: set.files.map((file) => ({ ...file, hunks: file.hunks.map((hunk, index) => (index === 0 ? { ...hunk, status: 'rejected' as const } : hunk)) })) };
    assert.deepEqual(proposedHunks(text, [set], 'src/n.ts').map((hunk) => [hunk.kind, hunk.startLine]), [['applicable', 2], ['applicable', 6], ['applicable', 10]]);
    assert.deepEqual(proposedHunks(text, [decided], 'src/n.ts').map((hunk) => hunk.startLine), [6, 10]);
    assert.deepEqual(proposedHunks(text, [set], 'src/other.ts'), []);
  });

  it('follows the person\'s typing: hunks shift with lines added above, and the one whose line they edited is a conflict shown where it now is', () => {
    const typed = `// header\n// more\n${text.replace('  return 2;', '  return 2 + 0;')}`;
    const hunks = proposedHunks(typed, [changeSet('p-two')], 'src/n.ts');
    assert.deepEqual(hunks.map((hunk) => [hunk.kind, hunk.startLine]), [['applicable', 4], ['conflict', 8], ['applicable', 12]]);
    const conflict = hunks[1];
    assert.ok(conflict?.kind === 'conflict');
    assert.match(conflict.reason, /changed/);
    assert.equal(hunks[0]?.kind === 'applicable' && hunks[0].rebased, true);
  });

  it('leaves out a hunk whose result the file already holds, and conflicts every hunk of a file that is gone', () => {
    const applied = text.replace('  return 1;', '  return 10;');
    assert.deepEqual(proposedHunks(applied, [changeSet('p-three')], 'src/n.ts').map((hunk) => hunk.startLine), [6, 10]);
    assert.deepEqual(proposedHunks(undefined, [changeSet('p-four')], 'src/n.ts').map((hunk) => hunk.kind), ['conflict', 'conflict', 'conflict']);
  });

  it('finds the hunk at the cursor and the next or previous one, wrapping round the file', () => {
    const hunks = proposedHunks(text, [changeSet('p-five')], 'src/n.ts');
    const lines = 12;
    assert.equal(proposedHunkAt(hunks, 5, lines)?.startLine, 6);
    assert.equal(proposedHunkAt(hunks, 4, lines), undefined);
    assert.equal(neighbourHunk(hunks, 0, lines, 'next')?.startLine, 2);
    assert.equal(neighbourHunk(hunks, 1, lines, 'next')?.startLine, 6);
    assert.equal(neighbourHunk(hunks, 9, lines, 'next')?.startLine, 2, 'wraps to the first');
    assert.equal(neighbourHunk(hunks, 1, lines, 'previous')?.startLine, 10, 'wraps to the last');
    assert.deepEqual(coveredLines(hunks[1] as (typeof hunks)[number], lines), { start: 5, end: 6 });
  });

  it('says in a few words what a hunk proposes', () => {
    assert.equal(proposedSummary({ before: '  return 1;', after: '  return 10;' }), 'becomes return 10;');
    assert.equal(proposedSummary({ before: '  return 2;', after: '  return 20;\n  // twenty' }), 'becomes 2 lines: return 20; …');
    assert.equal(proposedSummary({ before: 'a\nb', after: '' }), 'delete 2 lines');
    assert.equal(proposedSummary({ before: '', after: 'x' }), 'insert x');
  });

  it('explains a hunk: author, where the agent came from, the run, the reasons and the lines — the change set\'s text never as links', () => {
    const set = changeSet('p-six');
    const hunk = set.files[0]?.hunks[2];
    assert.ok(hunk);
    const why = hunkWhy(set, hunk);
    assert.match(why, /\*\*Author:\*\* refactorer/);
    assert.match(why, /agent refactorer \(workspace agent file \\\.nova\/agents\/refactorer\\\.md\)/);
    assert.match(why, /`run-7`/);
    assert.match(why, /Dead code \\\[click\\\]\\\(http:\/\/x\\\)/, 'a link in a rationale must stay text');
    assert.match(why, /callers expect 1/);
    assert.match(why, /```diff\n- {3}return 3;\n```/);
    const fix = changeSet('p-seven', { kind: 'fix', rule: 'ts-6133', path: 'src/n.ts', line: 2, title: 'Remove unused' });
    assert.match(hunkWhy(fix, fix.files[0]?.hunks[0] as ChangeSet['files'][number]['hunks'][number]), /quick fix `ts-6133`[\s\S]*\*\*Run:\*\* none recorded/);
  });
});
