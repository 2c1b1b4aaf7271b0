/**
 * What a person meets when a checkpoint store is not as Nova left it — a snapshot folder that is
 * missing or a file, texts deleted or edited, a ref pointing at a tree, a tree that disagrees with
 * its message — and the store's small promises (where it is, an all-absent checkpoint, a removal
 * that stopped halfway). Each is reported with a reason, and nothing damaged is restored.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCheckpoints, type CheckpointStore } from '../../../src/core/checkpoints';
import { CheckpointNotFound } from '../../../src/core/checkpoints/errors';
import { busyRepository, git, isolateGit, scratchFolder } from './tempRepo';

describe('checkpoint stores: damage and edges', () => {
  isolateGit();

  describe('file snapshots', () => {
    const snapshotStore = async (): Promise<{ store: CheckpointStore; snapshots: string }> => {
      const folder = scratchFolder();
      const snapshots = join(scratchFolder('nova-storage-'), 'checkpoints');
      return { store: await openCheckpoints(folder, { snapshotFolder: snapshots }), snapshots };
    };

    it('list nothing, without an error, before the first checkpoint or when the folder is a file', async () => {
      const { store, snapshots } = await snapshotStore();
      assert.deepEqual(await store.list(), { checkpoints: [], problems: [] });
      writeFileSync(join(snapshots, '..', 'file'), 'x');
      const onFile = await openCheckpoints(scratchFolder(), { snapshotFolder: join(snapshots, '..', 'file') });
      assert.deepEqual(await onFile.list(), { checkpoints: [], problems: [] });
    });

    it('list a checkpoint once, whatever other files sit beside it', async () => {
      const { store, snapshots } = await snapshotStore();
      const taken = await store.create('one', [{ path: 'a.ts', text: 'a' }]);
      writeFileSync(join(snapshots, `${taken.id}.back`), 'a copy someone made');
      writeFileSync(join(snapshots, `${taken.id}.json.tmp-1`), 'half');
      assert.deepEqual((await store.list()).checkpoints.map((summary) => summary.id), [taken.id]);
    });

    it('refuse to read a checkpoint whose texts are missing, not theirs, or lack a file, saying which', async () => {
      const { store, snapshots } = await snapshotStore();
      const taken = await store.create('one', [{ path: 'a.ts', text: 'a' }, { path: 'b.ts', text: undefined }]);
      const texts = join(snapshots, `${taken.id}.texts.json`);
      writeFileSync(texts, JSON.stringify({ format: 'other', texts: {} }));
      await assert.rejects(store.read(taken.id), { message: `Checkpoint "${taken.id}" is damaged: ${taken.id}.texts.json cannot be used (not the texts of a Nova checkpoint).` });
      writeFileSync(texts, JSON.stringify({ format: 'nova-checkpoint-texts/1', texts: {} }));
      await assert.rejects(store.read(taken.id), { message: `Checkpoint "${taken.id}" is damaged: its texts lack "a.ts".` });
      rmSync(texts);
      await assert.rejects(store.read(taken.id), { message: `Checkpoint "${taken.id}" is damaged: ${taken.id}.texts.json is missing.` });
    });

    it('report metadata that is not JSON or cannot be read, by file, and refuse to use it', async () => {
      const { store, snapshots } = await snapshotStore();
      await store.create('one', [{ path: 'a.ts', text: 'a' }]);
      writeFileSync(join(snapshots, 'c-00000000a-aaaaaaaa.json'), '{ not json');
      mkdirSync(join(snapshots, 'c-00000000b-bbbbbbbb.json'));
      assert.deepEqual([...(await store.list()).problems].sort(), ['c-00000000a-aaaaaaaa.json: not valid JSON', 'c-00000000b-bbbbbbbb.json: could not be read (EISDIR)']);
      await assert.rejects(store.read('c-00000000a-aaaaaaaa'), { message: 'Checkpoint "c-00000000a-aaaaaaaa" cannot be used: not valid JSON.' });
    });

    it('remove a checkpoint whose texts are already gone, and then know it no more', async () => {
      const { store, snapshots } = await snapshotStore();
      const taken = await store.create('one', [{ path: 'a.ts', text: 'a' }]);
      rmSync(join(snapshots, `${taken.id}.texts.json`));
      await store.remove(taken.id);
      assert.deepEqual(readdirSync(snapshots), []);
      await assert.rejects(store.remove(taken.id), CheckpointNotFound);
    });
  });

  describe('private git refs', () => {
    it('say where they are', async () => {
      const folder = busyRepository();
      assert.equal((await openCheckpoints(folder, { snapshotFolder: join(folder, '.nova') })).where, `private git refs (refs/nova/checkpoints/) in ${folder}`);
    });

    it('read a checkpoint of files that all did not exist', async () => {
      const folder = busyRepository();
      const store = await openCheckpoints(folder, { snapshotFolder: join(folder, '.nova') });
      const taken = await store.create('nothing yet', [{ path: 'later.ts', text: undefined }]);
      assert.deepEqual((await store.read(taken.id)).files, [{ path: 'later.ts', text: undefined }]);
    });

    it('report a ref that points at a tree, not a commit', async () => {
      const folder = busyRepository();
      const store = await openCheckpoints(folder, { snapshotFolder: join(folder, '.nova') });
      git(folder, ['update-ref', 'refs/nova/checkpoints/c-00000000a-aaaaaaaa', git(folder, ['write-tree']).trim()]);
      assert.deepEqual((await store.list()).problems, ['refs/nova/checkpoints/c-00000000a-aaaaaaaa: points to a tree, not a commit']);
    });

    it('refuse a checkpoint whose tree disagrees with its message, naming every difference', async () => {
      const folder = busyRepository();
      const store = await openCheckpoints(folder, { snapshotFolder: join(folder, '.nova') });
      const blob = git(folder, ['hash-object', '-w', '--stdin'], 'text\n').trim();
      const tree = git(folder, ['mktree'], `100644 blob ${blob}\textra.ts\n100755 blob ${blob}\trun.sh\n`).trim();
      const id = 'c-00000000b-bbbbbbbb';
      const message = JSON.stringify({ format: 'nova-checkpoint/1', id, label: 'x', createdAt: 1, paths: ['run.sh', 'a.ts', 'gone.ts'], absent: ['gone.ts'] });
      git(folder, ['update-ref', `refs/nova/checkpoints/${id}`, git(folder, ['commit-tree', tree, '-m', 'Nova checkpoint: x', '-m', message]).trim()]);
      await assert.rejects(store.read(id), {
        message: `Checkpoint "${id}" is damaged: its tree holds "extra.ts", which its message does not list as present; "run.sh" is a blob (mode 100755), not a file; "a.ts" is listed but missing from its tree.`,
      });
    });
  });
});
