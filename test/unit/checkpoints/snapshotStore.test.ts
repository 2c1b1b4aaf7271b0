import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLineSnapshotFolder, diskCheckpointFiles, openCheckpoints, restoreCheckpoint } from '../../../src/core/checkpoints';
import { CheckpointRefused } from '../../../src/core/checkpoints/errors';
import { isolateGit, scratchFolder } from './tempRepo';

describe('checkpoints in a folder without git (file snapshots)', () => {
  isolateGit();

  it('are kept in the snapshot folder the caller names, restore exactly, and create no repository', async () => {
    const folder = scratchFolder();
    const snapshots = join(scratchFolder('nova-storage-'), 'checkpoints');
    writeFileSync(join(folder, 'crlf.ts'), 'a\r\nb\r\n');
    writeFileSync(join(folder, 'bom.ts'), '\uFEFFconst x = "é🧑‍💻";');
    const store = await openCheckpoints(folder, { snapshotFolder: snapshots });
    assert.equal(store.kind, 'snapshot');
    assert.match(store.where, new RegExp(snapshots.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const disk = await diskCheckpointFiles(folder);
    const original = await disk.read(['crlf.ts', 'bom.ts', 'new/later.ts']);
    const taken = await store.create('before accepting', original);
    writeFileSync(join(folder, 'crlf.ts'), 'changed');
    mkdirSync(join(folder, 'new'));
    writeFileSync(join(folder, 'new', 'later.ts'), 'created');

    const outcome = await restoreCheckpoint(store, taken.id, disk);
    assert.equal(readFileSync(join(folder, 'crlf.ts'), 'utf8'), 'a\r\nb\r\n');
    assert.equal(readFileSync(join(folder, 'bom.ts')).subarray(0, 3).toString('hex'), 'efbbbf');
    assert.equal(existsSync(join(folder, 'new', 'later.ts')), false);
    assert.deepEqual(outcome.changed, ['crlf.ts', 'new/later.ts']);
    assert.equal(existsSync(join(folder, '.git')), false);
    assert.deepEqual((await store.list()).checkpoints.map((summary) => summary.label), ['before restoring before accepting', 'before accepting']);
    assert.deepEqual((await store.read(outcome.before.id)).files, [
      { path: 'crlf.ts', text: 'changed' },
      { path: 'bom.ts', text: '\uFEFFconst x = "é🧑‍💻";' },
      { path: 'new/later.ts', text: 'created' },
    ]);
    await store.remove(taken.id);
    assert.deepEqual(readdirSync(snapshots).filter((name) => name.startsWith(taken.id)), []);
  });

  it('are used when git cannot be run at all', async () => {
    const folder = scratchFolder();
    const previous = process.env.PATH;
    process.env.PATH = scratchFolder('nova-no-git-');
    try {
      const store = await openCheckpoints(folder, { snapshotFolder: commandLineSnapshotFolder(folder) });
      assert.equal(store.kind, 'snapshot');
      assert.equal(store.where, `file snapshots in ${join(folder, '.nova', 'checkpoints')}`);
    } finally {
      process.env.PATH = previous;
    }
  });

  it('report damaged or planted snapshots instead of failing, and refuse to restore them', async () => {
    const folder = scratchFolder();
    const snapshots = join(folder, '.nova', 'checkpoints');
    const store = await openCheckpoints(folder, { snapshotFolder: snapshots });
    const good = await store.create('good', [{ path: 'a.ts', text: 'a' }]);
    const planted = (id: string, metadata: unknown, texts?: unknown) => {
      writeFileSync(join(snapshots, `${id}.json`), typeof metadata === 'string' ? metadata : JSON.stringify(metadata));
      if (texts !== undefined) writeFileSync(join(snapshots, `${id}.texts.json`), JSON.stringify(texts));
    };
    const base = { format: 'nova-checkpoint/1', label: 'x', createdAt: 1, absent: [] };
    planted('c-00000000a-aaaaaaaa', '{ not json');
    planted('c-00000000b-bbbbbbbb', { ...base, id: 'c-00000000b-bbbbbbbb', paths: ['../../.bashrc'] }, { format: 'nova-checkpoint-texts/1', texts: { '../../.bashrc': 'pwned' } });
    planted('c-00000000c-cccccccc', { ...base, id: 'c-00000000d-dddddddd', paths: ['a.ts'] });
    planted('c-00000000e-eeeeeeee', { ...base, id: 'c-00000000e-eeeeeeee', paths: ['a.ts'] }, { format: 'nova-checkpoint-texts/1', texts: { 'a.ts': 'x', 'extra.ts': 'y' } });
    writeFileSync(join(snapshots, 'notes.json'), '{}');

    const listing = await store.list();
    // The one whose texts do not match its metadata is listed (its metadata is sound) but cannot be read.
    assert.deepEqual(listing.checkpoints.map((summary) => summary.id), [good.id, 'c-00000000e-eeeeeeee']);
    assert.deepEqual(listing.problems.map((problem) => problem.split(':')[0]).sort(), ['c-00000000a-aaaaaaaa.json', 'c-00000000b-bbbbbbbb.json', 'c-00000000c-cccccccc.json']);
    assert.match(listing.problems.join('\n'), /"\.\.\/\.\.\/\.bashrc" has a "\.\." segment/);
    assert.match(listing.problems.join('\n'), /it names checkpoint "c-00000000d-dddddddd"/);
    await assert.rejects(store.read('c-00000000b-bbbbbbbb'), CheckpointRefused);
    await assert.rejects(store.read('c-00000000e-eeeeeeee'), /its texts hold "extra\.ts", which it does not list/);
    await assert.rejects(store.read('../../etc/passwd'), /is not a checkpoint id/);
  });
});
