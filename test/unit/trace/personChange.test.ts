import * as assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PassThrough } from 'node:stream';
import { TerminalOutput } from '../../../src/cli/terminalOutput';
import { traceShowCommand } from '../../../src/cli/traceCommand';
import type { ChangeSet, ChangeSource } from '../../../src/core/edits/changeSet';
import { fileChange } from '../../../src/core/edits/newChangeSet';
import { loadTrace, traceFilePath } from '../../../src/core/trace/jsonl';
import { personChangeSummary, recordPersonChange } from '../../../src/core/trace/personChange';
import { tempWorkspace } from '../../support/team';

const current = 'one\ntwo\nthree\nfour\n';
const runSpan = { runId: 'run-1', id: 's1', parentId: null, kind: 'run', startedAt: 1, endedAt: 2, task: 'tidy', entryAgent: 'concierge', status: 'completed' };
const childSpan = { runId: 'run-1', id: 's2', parentId: 's1', kind: 'agent', startedAt: 1, endedAt: 2, agent: 'refactorer', accepted: 'Task', outcome: 'submitted' };

/** A change set whose file has one agent hunk (superseded) and the person's two, as `revise` leaves it. */
function revisedSet(source: ChangeSource): ChangeSet {
  const agent = fileChange('src/a.ts', { text: current }, [{ startLine: 2, before: 'two', after: 'TWO', rationale: 'shout' }], 'refactorer');
  const person = fileChange('src/a.ts', { text: current }, [
    { startLine: 2, before: 'two', after: 'Two\nand a half', rationale: 'edited' },
    { startLine: 4, before: 'four', after: '', rationale: 'edited' },
  ], 'person');
  const superseded = agent.hunks.map((hunk) => ({ ...hunk, status: 'superseded' as const }));
  return { id: 'p-1', source, summary: 'Tidy', rationale: 'untidy', risks: [], createdAt: 1, files: [{ ...person, hunks: [...superseded, ...person.hunks] }] };
}

describe('the person\'s edit of a run\'s proposal, in the run\'s trace', () => {
  let folder: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ folder, cleanup } = await tempWorkspace());
  });
  afterEach(() => cleanup());

  async function plantTrace(): Promise<string> {
    const file = traceFilePath(folder, 'run-1');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(runSpan)}\n${JSON.stringify(childSpan)}\n`);
    return file;
  }

  it('appends a person_change span under the run span, naming the person\'s hunks only, and the file still loads without problems', async () => {
    const file = await plantTrace();
    const set = revisedSet({ kind: 'agent', agent: 'refactorer', runId: 'run-1' });
    const hunks = set.files[0]?.hunks ?? [];
    const span = await recordPersonChange(folder, set, 'src/a.ts', hunks.map((hunk) => hunk.id));
    assert.ok(span);
    const personIds = hunks.filter((hunk) => hunk.author === 'person').map((hunk) => hunk.id);
    assert.equal(personIds.length, 2);
    assert.deepEqual(span.hunkIds, personIds);
    const loaded = await loadTrace(file);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.spans.length, 3);
    const recorded = loaded.spans.find((candidate) => candidate.kind === 'person_change');
    assert.ok(recorded && recorded.kind === 'person_change');
    assert.equal(recorded.parentId, 's1');
    assert.notEqual(recorded.id, 's1');
    assert.notEqual(recorded.id, 's2');
    assert.equal(recorded.changeSetId, 'p-1');
    assert.equal(recorded.path, 'src/a.ts');
    assert.equal(recorded.summary, '2 hunks, +2 −2 lines at line 2: "Two"');
    assert.ok(loaded.tree.root?.children.some((child) => child.span.id === recorded.id), 'the span is not under the run in the tree');

    // `nova trace show` prints it under the run, as a person reads it.
    const target = new PassThrough({ decodeStrings: false, encoding: 'utf8' });
    assert.equal(await traceShowCommand(file, new TerminalOutput(target)), 0);
    assert.match(String(target.read()), /\n {2}the person edited the proposal for src\/a\.ts before accepting it: 2 hunks, \+2 −2 lines at line 2: "Two"\n/);
  });

  it('gives a second edit a span id of its own', async () => {
    const file = await plantTrace();
    const set = revisedSet({ kind: 'person', runId: 'run-1', agent: 'refactorer' });
    const ids = (set.files[0]?.hunks ?? []).map((hunk) => hunk.id);
    await recordPersonChange(folder, set, 'src/a.ts', ids);
    await recordPersonChange(folder, set, 'src/a.ts', ids);
    const loaded = await loadTrace(file);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.spans.filter((span) => span.kind === 'person_change').length, 2);
  });

  it('records nothing for a quick fix, for hunks that are all the agent\'s, or for a run whose trace is not in this workspace', async () => {
    const file = await plantTrace();
    const before = await readFile(file, 'utf8');
    const fix = revisedSet({ kind: 'fix', rule: 'unused', path: 'src/a.ts', line: 2, title: 'Remove' });
    assert.equal(await recordPersonChange(folder, fix, 'src/a.ts', (fix.files[0]?.hunks ?? []).map((hunk) => hunk.id)), undefined);
    const set = revisedSet({ kind: 'agent', agent: 'refactorer', runId: 'run-1' });
    const agentOnly = (set.files[0]?.hunks ?? []).filter((hunk) => hunk.author !== 'person').map((hunk) => hunk.id);
    assert.equal(await recordPersonChange(folder, set, 'src/a.ts', agentOnly), undefined);
    assert.equal(await readFile(file, 'utf8'), before);
    const elsewhere = revisedSet({ kind: 'agent', agent: 'refactorer', runId: 'run-elsewhere' });
    assert.equal(await recordPersonChange(folder, elsewhere, 'src/a.ts', (elsewhere.files[0]?.hunks ?? []).map((hunk) => hunk.id)), undefined);
  });

  it('sums lines added and removed without counting a hunk\'s unchanged anchor lines', () => {
    assert.equal(personChangeSummary([{ startLine: 3, before: 'a\nb', after: 'a\nc\nd' }]), '1 hunk, +2 −1 lines at line 3: "c"');
    assert.equal(personChangeSummary([{ startLine: 7, before: 'x', after: '' }]), '1 hunk, +0 −1 line at line 7');
  });
});
