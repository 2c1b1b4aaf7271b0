/**
 * What a person is left with when the disk fails under a file-snapshot checkpoint: the failure is
 * the one the disk gave (not a cleanup's), no temporary file stays behind, a listing says why a
 * checkpoint cannot be read even when the error has no code, and a folder that cannot be listed
 * fails the listing rather than showing none. And a restore that finds the files already as the
 * checkpoint has them writes nothing at all.
 */
import * as assert from 'node:assert/strict';
import { promises as disk, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diskCheckpointFiles, restoreCheckpoint, type CheckpointFile, type CheckpointFiles } from '../../../src/core/checkpoints';
import { SnapshotCheckpointStore } from '../../../src/core/checkpoints/snapshotStore';
import { removeScratch, scratchFolder } from './tempRepo';

type Patched = 'rename' | 'writeFile' | 'readFile' | 'readdir';

describe('file-snapshot checkpoints when the disk fails', () => {
  const originals = { rename: disk.rename, writeFile: disk.writeFile, readFile: disk.readFile, readdir: disk.readdir };
  const failOnce = (name: Patched, error: Error, when: (file: string) => boolean = () => true): void => {
    const original = originals[name] as (...args: unknown[]) => Promise<unknown>;
    let failed = false;
    (disk as Record<Patched, unknown>)[name] = async (...args: unknown[]) => {
      if (!failed && when(String(args[0]))) {
        failed = true;
        throw error;
      }
      return original(...args);
    };
  };
  afterEach(() => Object.assign(disk, originals));
  after(removeScratch);

  it('report a failed rename as the failure, and leave no temporary file', async () => {
    const folder = scratchFolder();
    const store = new SnapshotCheckpointStore(folder);
    const full = Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' });
    failOnce('rename', full);
    await assert.rejects(store.create('one', [{ path: 'a.ts', text: 'a' }]), (error) => error === full);
    assert.deepEqual(readdirSync(folder), []);
    assert.deepEqual(await store.list(), { checkpoints: [], problems: [] });
  });

  it('report a write that never created its temporary file as that failure, not as the cleanup finding nothing', async () => {
    const folder = scratchFolder();
    const store = new SnapshotCheckpointStore(folder);
    const refused = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    failOnce('writeFile', refused, (file) => file.includes('.tmp-'));
    await assert.rejects(store.create('one', [{ path: 'a.ts', text: 'a' }]), (error) => error === refused);
    assert.deepEqual(readdirSync(folder), []);
  });

  it('list why a checkpoint cannot be read when the error carries no code', async () => {
    const folder = scratchFolder();
    const store = new SnapshotCheckpointStore(folder);
    const taken = await store.create('one', [{ path: 'a.ts', text: 'a' }]);
    failOnce('readFile', new Error('the disk went away'), (file) => file === join(folder, `${taken.id}.json`));
    assert.deepEqual(await store.list(), { checkpoints: [], problems: [`${taken.id}.json: could not be read (error)`] });
  });

  it('fail a listing the disk cannot give, rather than showing no checkpoints', async () => {
    const folder = scratchFolder();
    const store = new SnapshotCheckpointStore(folder);
    await store.create('one', [{ path: 'a.ts', text: 'a' }]);
    const broken = Object.assign(new Error('EIO: i/o error, scandir'), { code: 'EIO' });
    failOnce('readdir', broken);
    await assert.rejects(store.list(), (error) => error === broken);
  });

  it('name every way its texts disagree with its list, one after another', async () => {
    const folder = scratchFolder();
    const store = new SnapshotCheckpointStore(folder);
    const taken = await store.create('two', [{ path: 'a.ts', text: 'a' }, { path: 'b.ts', text: 'b' }]);
    await disk.writeFile(join(folder, `${taken.id}.texts.json`), JSON.stringify({ format: 'nova-checkpoint-texts/1', texts: { 'c.ts': 'c', 'b.ts': 'b' } }));
    await assert.rejects(store.read(taken.id), { message: `Checkpoint "${taken.id}" is damaged: its texts hold "c.ts", which it does not list; lack "a.ts".` });
  });
});

describe('restoring a checkpoint the files already match', () => {
  after(removeScratch);

  it('writes nothing, so no file is touched and no editor reloads', async () => {
    const workspace = scratchFolder();
    await disk.writeFile(join(workspace, 'a.ts'), 'a');
    const store = new SnapshotCheckpointStore(scratchFolder('nova-storage-'));
    const files = await diskCheckpointFiles(workspace);
    const writes: (readonly CheckpointFile[])[] = [];
    const watched: CheckpointFiles = { read: (paths) => files.read(paths), write: async (written) => void writes.push(written) };
    const taken = await store.create('same', await files.read(['a.ts', 'gone.ts']));
    const outcome = await restoreCheckpoint(store, taken.id, watched);
    assert.deepEqual(outcome.changed, []);
    assert.deepEqual(writes, []);
  });
});
