/**
 * Accepting hunks on disk (the command line's accept) and storing a run's proposals: the checkpoint
 * comes before any write and sees the files as they were; a failed checkpoint or a refused path
 * changes nothing; the bytes the person's file had around a hunk (BOM, CRLF, its mode) are kept.
 */
import * as assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeProposal } from '../../../src/core/contracts';
import type { ChangeSet } from '../../../src/core/edits/changeSet';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import type { RunResult } from '../../../src/core/orchestrator/result';
import { acceptOnDisk, type TakeCheckpoint } from '../../../src/core/proposals/acceptOnDisk';
import { storeRunProposals } from '../../../src/core/proposals/runProposals';
import { ProposalRefused, ProposalStore } from '../../../src/core/proposals/store';
import { WorkspaceSandbox } from '../../../src/core/workspace/sandbox';

const source = { kind: 'agent', agent: 'refactorer', runId: 'run-1' } as const;

function proposal(path: string, hunks: ChangeProposal['files'][number]['hunks']): ChangeProposal {
  return { summary: `Change ${path}`, rationale: 'because', files: [{ path, hunks }], risks: [] };
}

describe('acceptOnDisk', () => {
  let folder: string;
  let store: ProposalStore;
  beforeEach(async () => {
    folder = await realpath(await mkdtemp(join(tmpdir(), 'nova-accept-')));
    await mkdir(join(folder, 'src'));
    store = ProposalStore.open(folder);
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));
  const sandbox = () => WorkspaceSandbox.create([folder], nodeWorkspaceFiles);
  const disk = (path: string) => readFile(join(folder, path), 'utf8');
  const statuses = async (id: string) => ((await store.get(id)) as ChangeSet).files.flatMap((file) => file.hunks.map((hunk) => hunk.status));

  it('takes the checkpoint of the files as they are, before writing; keeps the BOM, CRLF line breaks and the file mode', async () => {
    const text = '\ufeff#!/bin/sh\r\necho one\r\necho two\r\n';
    await writeFile(join(folder, 'src/run.sh'), text);
    await chmod(join(folder, 'src/run.sh'), 0o755);
    const { changeSet } = await store.add(source, proposal('src/run.sh', [{ startLine: 2, before: 'echo one', after: 'echo ONE\necho one and a half', rationale: 'louder' }]));
    const taken: { files: unknown; label: string; onDisk: string }[] = [];
    const checkpoint: TakeCheckpoint = async (files, label) => {
      taken.push({ files, label, onDisk: await disk('src/run.sh') });
      return 'ckpt-1';
    };
    const outcome = await acceptOnDisk({ store, sandbox: await sandbox(), checkpoint }, changeSet);
    assert.deepEqual(taken, [{ files: [{ path: 'src/run.sh', text }], label: 'before accepting 1 hunk of “Change src/run.sh”', onDisk: text }]);
    assert.equal(outcome.checkpoint, 'ckpt-1');
    assert.deepEqual(outcome.accepted, [{ hunkId: changeSet.files[0]?.hunks[0]?.id, path: 'src/run.sh', startLine: 2, rebased: false }]);
    assert.equal(await disk('src/run.sh'), '\ufeff#!/bin/sh\r\necho ONE\r\necho one and a half\r\necho two\r\n');
    assert.equal((await stat(join(folder, 'src/run.sh'))).mode & 0o777, 0o755);
    assert.deepEqual(await statuses(changeSet.id), ['accepted']);
  });

  it('settles the same change waiting in another change set as superseded, and leaves a different one open', async () => {
    await writeFile(join(folder, 'src/a.ts'), 'one\ntwo\nthree\n');
    const fix = proposal('src/a.ts', [{ startLine: 2, before: 'two', after: 'TWO', rationale: 'r' }]);
    const { changeSet: first } = await store.add(source, fix);
    // The same change in other words (a hunk one line larger): not a duplicate, but the same result.
    const same = proposal('src/a.ts', [{ startLine: 1, before: 'one\ntwo', after: 'one\nTWO', rationale: 'r' }]);
    const { changeSet: second, duplicate } = await store.add({ kind: 'fix', rule: 'upper', path: 'src/a.ts', line: 2, title: 'Upper case' }, same);
    assert.equal(duplicate, false);
    const { changeSet: other } = await store.add(source, proposal('src/a.ts', [{ startLine: 2, before: 'two', after: 'Two', rationale: 'r' }]));
    await acceptOnDisk({ store, sandbox: await sandbox(), checkpoint: () => Promise.resolve('ckpt') }, first);
    assert.equal(await disk('src/a.ts'), 'one\nTWO\nthree\n');
    assert.deepEqual(await statuses(second.id), ['superseded']);
    assert.match((await store.get(second.id))?.files[0]?.hunks[0]?.reason ?? '', /already holds this change \(accepted from “Change src\/a.ts”\)/);
    assert.deepEqual(await statuses(other.id), ['pending'], 'a different change to the same lines is not decided for the person');
  });

  it('writes nothing and records nothing when the checkpoint fails', async () => {
    await writeFile(join(folder, 'src/a.ts'), 'one\ntwo\n');
    const { changeSet } = await store.add(source, proposal('src/a.ts', [{ startLine: 1, before: 'one', after: 'ONE', rationale: 'r' }]));
    const failing: TakeCheckpoint = () => Promise.reject(new Error('the disk is full'));
    await assert.rejects(acceptOnDisk({ store, sandbox: await sandbox(), checkpoint: failing }, changeSet), /the disk is full/);
    assert.equal(await disk('src/a.ts'), 'one\ntwo\n');
    assert.deepEqual(await statuses(changeSet.id), ['pending']);
  });

  it('refuses a path that became a link out of the workspace after it was stored: nothing written there, nothing recorded', async () => {
    const outside = await realpath(await mkdtemp(join(tmpdir(), 'nova-outside-')));
    try {
      await writeFile(join(folder, 'src/a.ts'), 'one\n');
      await writeFile(join(outside, 'a.ts'), 'one\n');
      const { changeSet } = await store.add(source, proposal('src/a.ts', [{ startLine: 1, before: 'one', after: 'ONE', rationale: 'r' }]));
      await rm(join(folder, 'src'), { recursive: true });
      await symlink(outside, join(folder, 'src'));
      let checkpoints = 0;
      const counting: TakeCheckpoint = () => Promise.resolve(`ckpt-${++checkpoints}`);
      await assert.rejects(acceptOnDisk({ store, sandbox: await sandbox(), checkpoint: counting }, changeSet), (error) => error instanceof ProposalRefused && /src\/a\.ts/.test(error.message));
      assert.equal(await readFile(join(outside, 'a.ts'), 'utf8'), 'one\n');
      assert.equal(checkpoints, 0);
      assert.deepEqual(await statuses(changeSet.id), ['pending']);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('creates a proposed new file and its folder; records a hunk the file already holds as superseded, without writing', async () => {
    const { changeSet: created } = await store.add(source, proposal('src/new/made.ts', [{ startLine: 1, before: '', after: 'export const made = true;', rationale: 'new' }]));
    const checkpointed: unknown[] = [];
    const checkpoint: TakeCheckpoint = (files) => (checkpointed.push(...files), Promise.resolve('ckpt'));
    await acceptOnDisk({ store, sandbox: await sandbox(), checkpoint }, created);
    assert.equal(await disk('src/new/made.ts'), 'export const made = true;\n');
    assert.deepEqual(checkpointed, [{ path: 'src/new/made.ts', text: undefined }], 'the checkpoint knows the file did not exist');

    await writeFile(join(folder, 'src/b.ts'), 'a\nb\nc\nd\n');
    const { changeSet } = await store.add(source, proposal('src/b.ts', [{ startLine: 2, before: 'b', after: 'B', rationale: 'r' }]));
    await writeFile(join(folder, 'src/b.ts'), 'a\nB\nc\nd\n'); // the person made the same change by hand
    checkpointed.length = 0;
    const outcome = await acceptOnDisk({ store, sandbox: await sandbox(), checkpoint }, changeSet);
    assert.deepEqual([outcome.accepted, outcome.superseded, outcome.checkpoint], [[], [changeSet.files[0]?.hunks[0]?.id], undefined]);
    assert.deepEqual(checkpointed, []);
    assert.deepEqual(await statuses(changeSet.id), ['superseded']);
  });
});

describe('storeRunProposals (the server and nova run)', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await realpath(await mkdtemp(join(tmpdir(), 'nova-run-proposals-')));
    await mkdir(join(folder, 'src'));
    await writeFile(join(folder, 'src/a.ts'), 'one\n');
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  const good = proposal('src/a.ts', [{ startLine: 1, before: 'one', after: 'ONE', rationale: 'r' }]);
  const run = (runId: string, artifacts: RunResult['artifacts']) => ({ runId, artifacts });

  it('stores each distinct proposal once with its run and agent; a refused one is reported and costs the others nothing', async () => {
    const store = ProposalStore.open(folder);
    const outcome = await storeRunProposals(
      store,
      run('run-7', [
        { agent: 'refactorer', contract: 'ChangeProposal', payload: good, via: 'handoff' },
        { agent: 'reviewer', contract: 'ReviewVerdict', payload: {}, via: 'result' },
        { agent: 'refactorer', contract: 'ChangeProposal', payload: proposal('.git/hooks/pre-commit', [{ startLine: 1, before: '', after: 'x', rationale: 'r' }]), via: 'handoff' },
        { agent: 'refactorer', contract: 'ChangeProposal', payload: good, via: 'result' },
      ]),
    );
    assert.equal(outcome.stored.length, 1);
    assert.deepEqual(outcome.stored[0]?.changeSet.source, { kind: 'agent', runId: 'run-7', agent: 'refactorer' });
    assert.equal(outcome.stored[0]?.duplicate, false);
    assert.deepEqual(outcome.refused.map((refused) => refused.agent), ['refactorer']);
    assert.match(outcome.refused[0]?.message ?? '', /\.git\/hooks\/pre-commit/);
    assert.deepEqual((await ProposalStore.open(folder).list()).changeSets.map((set) => set.id), [outcome.stored[0]?.changeSet.id]);

    const again = await storeRunProposals(store, run('run-8', [{ agent: 'refactorer', contract: 'ChangeProposal', payload: good, via: 'result' }]));
    assert.deepEqual([again.stored[0]?.changeSet.id, again.stored[0]?.duplicate], [outcome.stored[0]?.changeSet.id, true], 'the same hunks still waiting are not stored twice');
  });

  it('names the span that first carried each proposal, for "Why?" on its hunks', async () => {
    const other = proposal('src/a.ts', [{ startLine: 1, before: 'one', after: 'One', rationale: 'r' }]);
    const outcome = await storeRunProposals(
      ProposalStore.open(folder),
      run('run-9', [
        { agent: 'refactorer', contract: 'ChangeProposal', payload: good, via: 'handoff', spanId: 's12' },
        { agent: 'refactorer', contract: 'ChangeProposal', payload: good, via: 'result', spanId: 's30' },
        { agent: 'typescript-specialist', contract: 'ChangeProposal', payload: other, via: 'result' },
      ]),
    );
    assert.deepEqual(outcome.stored.map((stored) => stored.changeSet.source), [
      { kind: 'agent', runId: 'run-9', agent: 'refactorer', spanId: 's12' },
      // An artifact from before spans were named (or from a caller that has none) is stored without one.
      { kind: 'agent', runId: 'run-9', agent: 'typescript-specialist' },
    ]);
    const listed = (await ProposalStore.open(folder).list()).changeSets.map((set) => set.source);
    assert.deepEqual(listed, outcome.stored.map((stored) => stored.changeSet.source), 'the span id is kept on disk');
  });
});
