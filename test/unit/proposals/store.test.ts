import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeProposal } from '../../../src/core/contracts';
import { proposalsFolder } from '../../../src/core/proposals/folder';
import { ProposalAlreadyResolved, ProposalNotFound, ProposalStore, type ProposalSource } from '../../../src/core/proposals/store';

const runSource: ProposalSource = { kind: 'run', runId: 'run-1', agent: 'refactorer' };
const fixSource: ProposalSource = { kind: 'fix', rule: 'TS6133', path: 'src/main.ts', line: 1, title: 'Remove unused import' };

function proposal(summary: string): ChangeProposal {
  return {
    summary,
    rationale: 'because',
    files: [{ path: 'src/main.ts', hunks: [{ startLine: 1, before: 'old', after: 'new', rationale: 'clearer' }] }],
    risks: [],
  };
}

/** A clock that ticks one millisecond per reading, so creation order is certain. */
function ticking(start = 1_700_000_000_000): () => number {
  let now = start;
  return () => now++;
}

describe('ProposalStore', () => {
  let workspace: string;
  beforeEach(async () => (workspace = await mkdtemp(join(tmpdir(), 'nova-proposals-'))));
  afterEach(() => rm(workspace, { recursive: true, force: true }));

  it('keeps proposals on disk: a new store lists them, resolves one, and filters by status', async () => {
    const first = ProposalStore.open(workspace, { now: ticking() });
    const a = await first.add(runSource, proposal('first'));
    const b = await first.add(fixSource, proposal('second'));
    assert.match(a.id, /^p-[a-z0-9]+-[a-z0-9]+$/);
    assert.notEqual(a.id, b.id);
    assert.equal(a.status, 'pending');
    assert.ok(a.id < b.id, 'ids sort by creation time');

    // As after a restart: nothing but the folder is shared.
    const second = ProposalStore.open(workspace);
    const listed = await second.list();
    assert.deepEqual(listed.problems, []);
    assert.deepEqual(listed.proposals, [a, b]);
    assert.deepEqual(await second.get(b.id), b);

    const accepted = await second.resolve(a.id, 'accepted');
    assert.equal(accepted.status, 'accepted');
    assert.equal(typeof accepted.resolvedAt, 'number');

    const third = ProposalStore.open(workspace);
    assert.deepEqual((await third.list({ status: 'pending' })).proposals.map((p) => p.proposal.summary), ['second']);
    assert.deepEqual((await third.list({ status: 'accepted' })).proposals, [accepted]);
    assert.deepEqual((await third.list({ status: 'rejected' })).proposals, []);
    await assert.rejects(third.resolve(a.id, 'rejected'), (error) => error instanceof ProposalAlreadyResolved && /already accepted/.test(error.message));
  });

  it('reports a damaged file and a file of the wrong shape, and still lists the good ones', async () => {
    const store = ProposalStore.open(workspace);
    const good = await store.add(runSource, proposal('good'));
    const folder = proposalsFolder(workspace);
    await writeFile(join(folder, 'p-broken.json'), '{"id": "p-broken", "createdAt": 1, ');
    await writeFile(join(folder, 'p-foreign.json'), JSON.stringify({ id: 'p-foreign', hello: 'world' }));
    await writeFile(join(folder, 'p-misnamed.json'), JSON.stringify({ ...good, id: 'p-other' }));
    await writeFile(join(folder, 'Not A Proposal.json'), '{}');
    await writeFile(join(folder, 'notes.txt'), 'not json at all');

    const { proposals, problems } = await store.list();
    assert.deepEqual(proposals, [good]);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems.find((p) => p.startsWith('p-broken.json:')) ?? '', /not valid JSON/);
    assert.match(problems.find((p) => p.startsWith('p-foreign.json:')) ?? '', /not a stored proposal \(.*createdAt: .*proposal: /);
    assert.match(problems.find((p) => p.startsWith('p-misnamed.json:')) ?? '', /holds proposal "p-other"/);
    assert.match(problems.find((p) => p.startsWith('Not A Proposal.json:')) ?? '', /not a proposal file name/);
    await assert.rejects(store.get('p-broken'), /p-broken\.json: not valid JSON/);
  });

  it('lists nothing, without problems, when the folder does not exist yet', async () => {
    assert.deepEqual(await ProposalStore.open(join(workspace, 'missing')).list(), { proposals: [], problems: [] });
  });

  it('throws ProposalNotFound for an unknown id', async () => {
    const store = ProposalStore.open(workspace);
    await assert.rejects(store.resolve('p-nothing', 'accepted'), (error) => error instanceof ProposalNotFound && error.id === 'p-nothing');
    assert.equal(await store.get('p-nothing'), undefined);
  });

  it('rejects an invalid proposal, listing each issue by path, and stores nothing', async () => {
    const store = ProposalStore.open(workspace);
    const invalid = { summary: '', rationale: 'r', files: [] } as unknown as ChangeProposal;
    await assert.rejects(store.add(runSource, invalid), (error: Error) => {
      assert.match(error.message, /not a valid ChangeProposal/);
      assert.match(error.message, /^ {2}summary: /m);
      assert.match(error.message, /^ {2}files: /m);
      return true;
    });
    await assert.rejects(store.add({ ...fixSource, line: 0 }, proposal('ok')), /source is not valid:\n {2}line: /);
    assert.deepEqual((await store.list()).proposals, []);
  });

  it('refuses ids that could name a file outside the proposals folder', async () => {
    const store = ProposalStore.open(workspace);
    await writeFile(join(workspace, 'secret.json'), '{}');
    for (const id of ['../secret', '../../etc/passwd', 'a/b', 'P-UPPER', 'x.json', '']) {
      await assert.rejects(store.get(id), /not a valid proposal id/, id);
      await assert.rejects(store.resolve(id, 'accepted'), /not a valid proposal id/, id);
    }
    assert.equal(await readFile(join(workspace, 'secret.json'), 'utf8'), '{}');
  });

  it('works in memory without a folder', async () => {
    const store = ProposalStore.open(undefined, { now: ticking() });
    const a = await store.add(runSource, proposal('a'));
    const b = await store.add(fixSource, proposal('b'));
    await store.resolve(b.id, 'rejected');
    assert.deepEqual((await store.list()).proposals.map((p) => [p.proposal.summary, p.status]), [['a', 'pending'], ['b', 'rejected']]);
    assert.deepEqual((await store.list({ status: 'pending' })).proposals, [a]);
    await assert.rejects(store.resolve('p-unknown', 'accepted'), ProposalNotFound);
    assert.deepEqual((await ProposalStore.open(undefined).list()).proposals, [], 'each in-memory store is its own');
  });

  it('leaves only <id>.json files after writes, even concurrent ones', async () => {
    const store = ProposalStore.open(workspace);
    const added = await Promise.all([1, 2, 3, 4, 5].map((n) => store.add(runSource, proposal(`p${n}`))));
    const [first] = added;
    assert.ok(first);
    const results = await Promise.allSettled([store.resolve(first.id, 'accepted'), store.resolve(first.id, 'rejected')]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected']);
    const names = await readdir(proposalsFolder(workspace));
    assert.deepEqual(names.sort(), added.map((p) => `${p.id}.json`).sort());
    assert.equal((await store.get(first.id))?.status, 'accepted');
  });
});
