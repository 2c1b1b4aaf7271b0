/**
 * nova/proposals.revise: the person's edited version of a proposed file becomes their own hunks —
 * and, for a change set from a run, a `person_change` span in that run's trace.
 */
import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadTrace, traceFilePath } from '../../../src/core/trace/jsonl';
import { proposalsAdd, proposalsRevise } from '../../../src/protocol/proposals';
import { startOnSample, type SampleSession } from './sampleServer';

describe('Nova server: the person\'s edit of a proposal (nova/proposals.revise)', function () {
  this.timeout(60_000);
  let session: SampleSession;
  before(async () => {
    session = await startOnSample({ initializationOptions: { novaClient: true } });
  });
  after(() => session?.close());

  it('stores the person\'s hunks, supersedes the agent\'s, and records the edit in the run\'s trace under its run span', async () => {
    const trace = traceFilePath(session.folder, 'run-revise-1');
    await mkdir(dirname(trace), { recursive: true });
    await writeFile(trace, `${JSON.stringify({ runId: 'run-revise-1', id: 's1', parentId: null, kind: 'run', startedAt: 1, endedAt: 2, task: 'tidy', entryAgent: 'concierge', status: 'completed' })}\n`);
    const line = 'export function normalizeLabel(label: string): string {';
    const current = await session.disk('src/util.ts');
    const startLine = current.split('\n').indexOf(line) + 1;
    const { changeSet } = await session.server.request(proposalsAdd, {
      runId: 'run-revise-1',
      agent: 'refactorer',
      proposal: { summary: 'Document normalizeLabel', rationale: 'undocumented', risks: [], files: [{ path: 'src/util.ts', hunks: [{ startLine, before: line, after: `/** Lower case, trimmed. */\n${line}`, rationale: 'doc' }] }] },
    });
    const agentHunk = changeSet.files[0]?.hunks[0];
    assert.ok(agentHunk);
    const edited = current.replace(line, `/** A label as compared: trimmed, in lower case. */\n${line}`);

    const revised = await session.server.request(proposalsRevise, { id: changeSet.id, path: 'src/util.ts', current, edited });
    const hunks = revised.changeSet.files[0]?.hunks ?? [];
    const theirs = hunks.filter((hunk) => revised.hunkIds.includes(hunk.id));
    assert.equal(theirs.length, 1);
    assert.equal(theirs[0]?.author, 'person');
    assert.equal(theirs[0]?.status, 'pending');
    assert.equal(hunks.find((hunk) => hunk.id === agentHunk.id)?.status, 'superseded');

    const loaded = await loadTrace(trace);
    assert.deepEqual(loaded.problems, []);
    const span = loaded.spans.find((candidate) => candidate.kind === 'person_change');
    assert.ok(span && span.kind === 'person_change', 'no person_change span in the run\'s trace');
    assert.equal(span.parentId, 's1');
    assert.equal(span.changeSetId, changeSet.id);
    assert.equal(span.path, 'src/util.ts');
    assert.deepEqual(span.hunkIds, revised.hunkIds);
    assert.match(span.summary, /^1 hunk, \+1 −0 line at line \d+: "\/\*\* A label as compared: trimmed, in lower case\. \*\/"$/);
  });
});
