import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeProposal } from '../../../src/core/contracts';
import type { ChangeSource } from '../../../src/core/edits/changeSet';
import { changeSetStatus, isPending } from '../../../src/core/edits/changeSetState';
import { textHash } from '../../../src/core/edits/textHash';
import { proposalsFolder } from '../../../src/core/proposals/folder';
import { HunkDecisionRefused, ProposalNotFound, ProposalStore } from '../../../src/core/proposals/store';
import { novaIgnoreText } from '../../../src/core/workspace/novaIgnore';

const agentSource: ChangeSource = { kind: 'agent', runId: 'run-1', agent: 'refactorer' };
const fixSource: ChangeSource = { kind: 'fix', rule: 'TS6133', path: 'src/main.ts', line: 1, title: 'Remove unused import' };
const mainText = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n';

/** A proposal changing `src/main.ts` at the given lines (each to upper case). */
function proposal(summary: string, lines: readonly number[] = [1]): ChangeProposal {
  const words = mainText.split('\n');
  return {
    summary,
    rationale: 'because',
    files: [{ path: 'src/main.ts', hunks: lines.map((line) => ({ startLine: line, before: words[line - 1] as string, after: (words[line - 1] as string).toUpperCase(), rationale: `line ${line}` })) }],
    risks: [],
  };
}

/** A clock that ticks one millisecond per reading, so creation order is certain. */
function ticking(start = 1_700_000_000_000): () => number {
  let now = start;
  return () => now++;
}

const hunkIds = (set: { files: readonly { hunks: readonly { id: string }[] }[] }) => set.files.flatMap((file) => file.hunks.map((hunk) => hunk.id));

describe('ProposalStore', () => {
  let workspace: string;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'nova-proposals-'));
    await mkdir(join(workspace, 'src'));
    await writeFile(join(workspace, 'src/main.ts'), mainText);
  });
  afterEach(() => rm(workspace, { recursive: true, force: true }));

  it('keeps change sets on disk with a hash of the file, per-hunk ids and context; a new store lists them', async () => {
    const first = ProposalStore.open(workspace, { now: ticking() });
    const { changeSet: a } = await first.add(agentSource, proposal('first', [2, 8]));
    const { changeSet: b } = await first.add(fixSource, proposal('second', [5]));
    assert.match(a.id, /^p-[a-z0-9]+-[a-z0-9]+$/);
    assert.ok(a.id < b.id, 'ids sort by creation time');
    const [file] = a.files;
    assert.equal(file?.baseHash, textHash(mainText));
    assert.deepEqual(file?.hunks.map((hunk) => [hunk.startLine, hunk.status, hunk.author, hunk.context]), [
      [2, 'pending', 'refactorer', { above: ['one'], below: ['three', 'four', 'five'] }],
      [8, 'pending', 'refactorer', { above: ['five', 'six', 'seven'], below: ['nine', 'ten'] }],
    ]);
    assert.equal(b.files[0]?.hunks[0]?.author, 'quick fix');
    // As after a restart: nothing but the folder is shared.
    const listed = await ProposalStore.open(workspace).list();
    assert.deepEqual(listed, { changeSets: [a, b], problems: [] });
  });

  it('decides hunk by hunk: accept one, reject one with a reason, Undo returns it to pending', async () => {
    const store = ProposalStore.open(workspace, { now: ticking() });
    const { changeSet } = await store.add(agentSource, proposal('two hunks', [2, 8]));
    const [two, eight] = hunkIds(changeSet) as [string, string];
    const decided = await store.decide(changeSet.id, [
      { hunkId: two, status: 'accepted' },
      { hunkId: eight, status: 'rejected', reason: 'keep the lower case here' },
    ]);
    assert.deepEqual(decided.files[0]?.hunks.map((hunk) => [hunk.status, hunk.reason, typeof hunk.resolvedAt]), [
      ['accepted', undefined, 'number'],
      ['rejected', 'keep the lower case here', 'number'],
    ]);
    assert.equal(changeSetStatus(decided), 'partly accepted');
    assert.equal(isPending(decided), false);
    assert.deepEqual((await store.list({ open: true })).changeSets, []);
    assert.deepEqual((await store.list({ open: false })).changeSets, [decided]);

    await assert.rejects(store.decide(changeSet.id, [{ hunkId: two, status: 'accepted' }]), (error) => error instanceof HunkDecisionRefused && /is accepted; it cannot become accepted again/.test(error.message));
    await assert.rejects(store.decide(changeSet.id, [{ hunkId: two, status: 'rejected' }]), HunkDecisionRefused);
    const undone = await store.decide(changeSet.id, [{ hunkId: two, status: 'pending' }]);
    assert.deepEqual(undone.files[0]?.hunks.map((hunk) => [hunk.status, hunk.resolvedAt]), [
      ['pending', undefined],
      ['rejected', decided.files[0]?.hunks[1]?.resolvedAt],
    ]);
    assert.equal(isPending(undone), true);
    await assert.rejects(store.decide(changeSet.id, [{ hunkId: 'h-unknown', status: 'accepted' }]), /has no hunk "h-unknown"/);
  });

  it("records the person's own text for an accepted hunk as their change", async () => {
    const store = ProposalStore.open(workspace);
    const { changeSet } = await store.add(agentSource, proposal('one hunk', [4]));
    const [hunk] = hunkIds(changeSet) as [string];
    await assert.rejects(store.decide(changeSet.id, [{ hunkId: hunk, status: 'rejected', after: 'x' }]), /Only an accept may carry the person's text/);
    const decided = await store.decide(changeSet.id, [{ hunkId: hunk, status: 'accepted', after: 'Four, my way' }]);
    assert.deepEqual(decided.files[0]?.hunks.map((h) => [h.id, h.before, h.after, h.author, h.status]), [[hunk, 'four', 'Four, my way', 'person', 'accepted']]);
  });

  it('stores the same proposal once while it waits', async () => {
    const store = ProposalStore.open(workspace, { now: ticking() });
    const first = await store.add(fixSource, proposal('unused x', [3]));
    const again = await store.add(fixSource, proposal('unused x (again)', [3]));
    assert.deepEqual([again.duplicate, again.changeSet.id], [true, first.changeSet.id]);
    assert.equal((await store.list()).changeSets.length, 1);
    await store.decide(first.changeSet.id, [{ hunkId: hunkIds(first.changeSet)[0] as string, status: 'rejected' }]);
    assert.equal((await store.add(fixSource, proposal('unused x', [3]))).duplicate, false, 'once decided, the same fix may be proposed anew');
  });

  it("marks a hunk whose lines are not in the file a conflict from the start, and corrects an agent's startLine", async () => {
    const store = ProposalStore.open(workspace);
    const wrong: ChangeProposal = { ...proposal('x'), files: [{ path: 'src/main.ts', hunks: [{ startLine: 1, before: 'three', after: '3', rationale: 'r' }, { startLine: 9, before: 'nope', after: 'n', rationale: 'r' }] }] };
    const { changeSet } = await store.add(agentSource, wrong);
    assert.deepEqual(changeSet.files[0]?.hunks.map((hunk) => [hunk.startLine, hunk.status]), [[3, 'pending'], [9, 'conflict']]);
    assert.match(changeSet.files[0]?.hunks[1]?.reason ?? '', /line 9 is "nine", but the hunk expects "nope"/);
  });

  it("revises a file with the person's own text: kept hunks stay the agent's, new ones are the person's", async () => {
    const store = ProposalStore.open(workspace, { now: ticking() });
    const { changeSet } = await store.add(agentSource, proposal('two hunks', [2, 8]));
    const edited = mainText.replace('two', 'TWO').replace('eight', 'Eight, as I want it');
    const { changeSet: revised, hunkIds: open } = await store.revise(changeSet.id, 'src/main.ts', mainText, edited);
    const hunks = revised.files[0]?.hunks ?? [];
    assert.deepEqual(hunks.map((hunk) => [hunk.after, hunk.author, hunk.status]), [
      ['EIGHT', 'refactorer', 'superseded'],
      ['TWO', 'refactorer', 'pending'],
      ['Eight, as I want it', 'person', 'pending'],
    ]);
    assert.deepEqual(open, hunks.slice(1).map((hunk) => hunk.id));
    assert.equal(hunks[1]?.id, changeSet.files[0]?.hunks[0]?.id, "the agent's kept hunk keeps its id");
    await assert.rejects(store.revise(changeSet.id, 'src/other.ts', '', ''), /does not change src\/other.ts/);
  });

  it('loads a proposal file an earlier Nova wrote as a change set with one status per hunk', async () => {
    const folder = proposalsFolder(workspace);
    await mkdir(folder, { recursive: true });
    const legacy = { id: 'p-legacy', createdAt: 5, source: { kind: 'run', runId: 'r', agent: 'refactorer' }, status: 'accepted', resolvedAt: 9, proposal: proposal('old') };
    await writeFile(join(folder, 'p-legacy.json'), JSON.stringify(legacy));
    const { changeSets, problems } = await ProposalStore.open(workspace).list();
    assert.deepEqual(problems, []);
    assert.deepEqual(changeSets.map((set) => [set.id, set.source, set.files[0]?.baseHash, set.files[0]?.hunks.map((hunk) => [hunk.status, hunk.resolvedAt, hunk.author])]), [
      ['p-legacy', { kind: 'agent', agent: 'refactorer', runId: 'r' }, undefined, [['accepted', 9, 'refactorer']]],
    ]);
  });

  it('reports a damaged file and a file of the wrong shape, and still lists the good ones', async () => {
    const store = ProposalStore.open(workspace);
    const { changeSet: good } = await store.add(agentSource, proposal('good'));
    const folder = proposalsFolder(workspace);
    await writeFile(join(folder, 'p-broken.json'), '{"id": "p-broken", "createdAt": 1, ');
    await writeFile(join(folder, 'p-foreign.json'), JSON.stringify({ id: 'p-foreign', hello: 'world' }));
    await writeFile(join(folder, 'p-misnamed.json'), JSON.stringify({ ...good, id: 'p-other' }));
    await writeFile(join(folder, 'Not A Proposal.json'), '{}');
    await writeFile(join(folder, 'notes.txt'), 'not json at all');

    const { changeSets, problems } = await store.list();
    assert.deepEqual(changeSets, [good]);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems.find((p) => p.startsWith('p-broken.json:')) ?? '', /not valid JSON/);
    assert.match(problems.find((p) => p.startsWith('p-foreign.json:')) ?? '', /not a stored change set \(.*createdAt: /);
    assert.match(problems.find((p) => p.startsWith('p-misnamed.json:')) ?? '', /holds change set "p-other"/);
    assert.match(problems.find((p) => p.startsWith('Not A Proposal.json:')) ?? '', /not a proposal file name/);
    await assert.rejects(store.get('p-broken'), /p-broken\.json: not valid JSON/);
  });

  it('writes .nova/.gitignore once, so its state stays out of Source Control, and never replaces one the person wrote', async () => {
    await ProposalStore.open(workspace).add(agentSource, proposal('a'));
    assert.equal(await readFile(join(workspace, '.nova/.gitignore'), 'utf8'), novaIgnoreText);
    assert.match(novaIgnoreText, /^\/proposals\/$/m);
    assert.doesNotMatch(novaIgnoreText, /^\/agents/m);
    const other = await mkdtemp(join(tmpdir(), 'nova-proposals-'));
    try {
      await mkdir(join(other, '.nova'));
      await writeFile(join(other, '.nova/.gitignore'), 'mine\n');
      await ProposalStore.open(other).add(agentSource, proposal('b'));
      assert.equal(await readFile(join(other, '.nova/.gitignore'), 'utf8'), 'mine\n');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('lists nothing, without problems, when the folder does not exist yet', async () => {
    assert.deepEqual(await ProposalStore.open(join(workspace, 'missing')).list(), { changeSets: [], problems: [] });
  });

  it('throws ProposalNotFound for an unknown id', async () => {
    const store = ProposalStore.open(workspace);
    await assert.rejects(store.decide('p-nothing', [{ hunkId: 'h-x', status: 'accepted' }]), (error) => error instanceof ProposalNotFound && error.id === 'p-nothing');
    assert.equal(await store.get('p-nothing'), undefined);
  });

  it('rejects an invalid proposal, listing each issue by path, and stores nothing', async () => {
    const store = ProposalStore.open(workspace);
    const invalid = { summary: '', rationale: 'r', files: [] } as unknown as ChangeProposal;
    await assert.rejects(store.add(agentSource, invalid), (error: Error) => {
      assert.match(error.message, /not a valid ChangeProposal/);
      assert.match(error.message, /^ {2}summary: /m);
      assert.match(error.message, /^ {2}files: /m);
      return true;
    });
    await assert.rejects(store.add({ ...fixSource, line: 0 }, proposal('ok')), /source is not valid:\n {2}line: /);
    assert.deepEqual((await store.list()).changeSets, []);
  });

  it('refuses ids that could name a file outside the proposals folder', async () => {
    const store = ProposalStore.open(workspace);
    await writeFile(join(workspace, 'secret.json'), '{}');
    for (const id of ['../secret', '../../etc/passwd', 'a/b', 'P-UPPER', 'x.json', '']) {
      await assert.rejects(store.get(id), /not a valid proposal id/, id);
      await assert.rejects(store.decide(id, [{ hunkId: 'h-x', status: 'accepted' }]), /not a valid proposal id/, id);
    }
    assert.equal(await readFile(join(workspace, 'secret.json'), 'utf8'), '{}');
  });

  it('works in memory without a folder (hunks then apply only exactly where they say)', async () => {
    const store = ProposalStore.open(undefined, { now: ticking() });
    const { changeSet: a } = await store.add(agentSource, proposal('a', [1]));
    const { changeSet: b } = await store.add(fixSource, proposal('b', [2]));
    assert.equal(a.files[0]?.baseHash, undefined);
    await store.decide(b.id, [{ hunkId: hunkIds(b)[0] as string, status: 'rejected' }]);
    assert.deepEqual((await store.list()).changeSets.map((set) => [set.summary, changeSetStatus(set)]), [['a', 'pending'], ['b', 'rejected']]);
    assert.deepEqual((await store.list({ open: true })).changeSets, [a]);
    assert.deepEqual((await ProposalStore.open(undefined).list()).changeSets, [], 'each in-memory store is its own');
  });

  it('leaves only <id>.json files after writes, and of two concurrent accepts of one hunk exactly one succeeds', async () => {
    const store = ProposalStore.open(workspace);
    const added = await Promise.all([1, 2, 3, 4, 5].map((n) => store.add(agentSource, proposal(`p${n}`, [n]))));
    const first = added[0]?.changeSet;
    assert.ok(first);
    const hunk = hunkIds(first)[0] as string;
    const results = await Promise.allSettled([store.decide(first.id, [{ hunkId: hunk, status: 'accepted' }]), store.decide(first.id, [{ hunkId: hunk, status: 'accepted' }])]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected']);
    const names = await readdir(proposalsFolder(workspace));
    assert.deepEqual(names.sort(), added.map((p) => `${p.changeSet.id}.json`).sort());
    assert.equal((await store.get(first.id))?.files[0]?.hunks[0]?.status, 'accepted');
  });
});
