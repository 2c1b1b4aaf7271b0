import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diskCheckpointFiles, openCheckpoints, restoreCheckpoint, type CheckpointFile, type CheckpointStore } from '../../../src/core/checkpoints';
import { CheckpointNotFound, CheckpointRefused } from '../../../src/core/checkpoints/errors';
import { busyRepository, emptyRepository, git, gitFingerprint, isolateGit, novaRefs, scratchFolder } from './tempRepo';

/** Texts that are easy to lose on the way through git or a file: each must come back byte for byte. */
const awkward: Record<string, string> = {
  'crlf.ts': 'export const a = 1;\r\nexport const b = 2;\r\n',
  'bom.ts': '\uFEFFexport const withBom = true;\n',
  'unicode.md': 'Grüße, 世界, עולם, 🧑‍💻 — e\u0301 and é\n',
  'no-final-newline.ts': 'export const last = "line";',
  'empty.txt': '',
  'mixed.txt': 'lf\ncrlf\r\nlone cr\rend',
  'deep/nested/dir/file.ts': 'export {};\n',
  'has space & "quote".ts': 'export const q = 1;\n',
};

function writeAll(folder: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text, 'utf8');
  }
}

function bytesOf(folder: string, paths: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(paths.map((path) => [path, existsSync(join(folder, path)) ? readFileSync(join(folder, path)).toString('hex') : undefined]));
}

async function storeOf(folder: string): Promise<CheckpointStore> {
  return openCheckpoints(folder, { snapshotFolder: join(folder, '.nova', 'checkpoints') });
}

describe('checkpoints on private git refs', () => {
  isolateGit();

  it('keep every text exactly and restore it byte for byte, deleting a file that did not exist', async () => {
    const folder = busyRepository();
    // A filter git would apply to checked-in text: checkpoints must not apply it.
    writeFileSync(join(folder, '.gitattributes'), '* text eol=crlf\n');
    writeAll(folder, awkward);
    const store = await storeOf(folder);
    assert.equal(store.kind, 'git');
    const paths = [...Object.keys(awkward), 'a.ts', 'untracked.ts', 'created-later.ts'];
    const files = await (await diskCheckpointFiles(folder)).read(paths);
    assert.equal(files.find((file) => file.path === 'created-later.ts')?.text, undefined);
    const original = bytesOf(folder, paths);
    const taken = await store.create('before accepting 3 hunks', files);
    assert.deepEqual(taken.paths, paths);

    // The person (or an agent) changes everything: edits, deletes, creates.
    for (const path of Object.keys(awkward)) writeFileSync(join(folder, path), 'changed\n');
    rmSync(join(folder, 'untracked.ts'));
    writeFileSync(join(folder, 'created-later.ts'), 'export const late = 1;\n');

    const outcome = await restoreCheckpoint(store, taken.id, await diskCheckpointFiles(folder));
    assert.deepEqual(bytesOf(folder, paths), original);
    assert.equal(existsSync(join(folder, 'created-later.ts')), false, 'a file absent at checkpoint time was not deleted');
    assert.deepEqual([...outcome.changed].sort(), [...paths].filter((path) => path !== 'a.ts').sort());
    const read = await store.read(taken.id);
    assert.deepEqual(read.files, files);
  });

  it('leave HEAD, the index, the stash, branches, tags and the status byte-identical, through create and restore', async () => {
    const folder = busyRepository();
    const before = gitFingerprint(folder);
    const store = await storeOf(folder);
    const disk = await diskCheckpointFiles(folder);
    const taken = await store.create('before the agent', await disk.read(['a.ts', 'b.ts', 'untracked.ts', 'new.ts']));
    assert.deepEqual(gitFingerprint(folder), before, 'creating a checkpoint changed the repository');

    writeFileSync(join(folder, 'a.ts'), 'export const a = "agent";\n');
    writeFileSync(join(folder, 'new.ts'), 'export const n = 1;\n');
    await restoreCheckpoint(store, taken.id, disk);
    assert.deepEqual(gitFingerprint(folder), before, 'restoring changed the repository beyond the restored files');
    assert.deepEqual(novaRefs(folder).length, 2, 'the checkpoint and the one the restore took first');
  });

  it('work in a repository with no commit yet, leaving HEAD unborn', async () => {
    const folder = emptyRepository();
    writeFileSync(join(folder, 'first.ts'), 'export const first = 1;\n');
    const before = gitFingerprint(folder);
    assert.equal(before.headCommit, '(none)');
    const store = await storeOf(folder);
    const taken = await store.create('first', [{ path: 'first.ts', text: 'export const first = 1;\n' }]);
    assert.deepEqual(gitFingerprint(folder), before);
    assert.deepEqual((await store.read(taken.id)).files, [{ path: 'first.ts', text: 'export const first = 1;\n' }]);
    assert.deepEqual(novaRefs(folder), [`refs/nova/checkpoints/${taken.id}`]);
  });

  it('keep paths relative to a workspace folder below the repository top, and never name the real index', async () => {
    const top = busyRepository();
    const folder = join(top, 'packages', 'app');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'x.ts'), 'export const x = 1;\n');
    const before = gitFingerprint(top);
    const store = await storeOf(folder);
    const taken = await store.create('sub', await (await diskCheckpointFiles(folder)).read(['x.ts']));
    writeFileSync(join(folder, 'x.ts'), 'changed\n');
    await restoreCheckpoint(store, taken.id, await diskCheckpointFiles(folder));
    assert.equal(readFileSync(join(folder, 'x.ts'), 'utf8'), 'export const x = 1;\n');
    assert.deepEqual(gitFingerprint(top), before);
    assert.equal(git(top, ['ls-tree', '-r', '--name-only', `refs/nova/checkpoints/${taken.id}`]).trim(), 'x.ts');
  });

  it('are commits by Nova, with the label in the message, listed newest first and removable', async () => {
    let clock = 1_700_000_000_000;
    const folder = busyRepository();
    const store = await openCheckpoints(folder, { snapshotFolder: join(folder, 'unused'), now: () => (clock += 1000) });
    const first = await store.create('first', [{ path: 'a.ts', text: '1' }]);
    const second = await store.create('second', [{ path: 'a.ts', text: '2' }, { path: 'gone.ts', text: undefined }]);
    assert.deepEqual((await store.list()).checkpoints.map((summary) => summary.label), ['second', 'first']);
    const commit = git(folder, ['cat-file', 'commit', `refs/nova/checkpoints/${second.id}`]);
    assert.match(commit, /^author Nova <nova@localhost> /m);
    assert.match(commit, /^committer Nova <nova@localhost> /m);
    assert.doesNotMatch(commit, /^parent /m, 'a checkpoint commit has no parent');
    assert.match(commit, /\n\nNova checkpoint: second\n/);
    assert.equal(existsSync(join(folder, 'unused')), false, 'a git folder wrote snapshots');

    await store.remove(first.id);
    assert.deepEqual(novaRefs(folder), [`refs/nova/checkpoints/${second.id}`]);
    await assert.rejects(store.read(first.id), CheckpointNotFound);
  });

  it('are not changed or blocked by the repository\'s settings (signing, line-end conversion) or by git variables in the environment', async () => {
    const folder = busyRepository();
    git(folder, ['config', 'commit.gpgSign', 'true']);
    git(folder, ['config', 'gpg.program', 'false']);
    git(folder, ['config', 'core.autocrlf', 'true']);
    const before = gitFingerprint(folder);
    const saved = { GIT_INDEX_FILE: process.env.GIT_INDEX_FILE, GIT_DIR: process.env.GIT_DIR };
    // What a git hook's environment would carry into an editor started from it.
    process.env.GIT_INDEX_FILE = join(folder, '.git', 'index');
    process.env.GIT_DIR = join(folder, 'not-a-git-dir');
    try {
      const store = await storeOf(folder);
      const taken = await store.create('settings', [{ path: 'a.ts', text: 'lf\nonly\n' }]);
      assert.deepEqual((await store.read(taken.id)).files, [{ path: 'a.ts', text: 'lf\nonly\n' }]);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    assert.deepEqual(gitFingerprint(folder), before);
  });

  it('take two checkpoints at once without either losing its files', async () => {
    const folder = busyRepository();
    const store = await storeOf(folder);
    const [one, two] = await Promise.all([store.create('one', [{ path: 'a.ts', text: 'one' }]), store.create('two', [{ path: 'b.ts', text: 'two' }])]);
    assert.notEqual(one.id, two.id);
    assert.deepEqual((await store.read(one.id)).files, [{ path: 'a.ts', text: 'one' }]);
    assert.deepEqual((await store.read(two.id)).files, [{ path: 'b.ts', text: 'two' }]);
  });

  it('refuse ids that are not checkpoint ids, naming the id, before running git', async () => {
    const folder = busyRepository();
    const store = await storeOf(folder);
    for (const id of ['../heads/main', 'refs/heads/main', 'c-0000000000-aaaaaaaa', 'C-00000000a-AAAAAAAA', 'c-00000000a-aaaaaaaa/../x', '', 'c-00000000a-aaaaaaa;rm']) {
      await assert.rejects(store.read(id), (error: Error) => error instanceof CheckpointRefused && error.message.includes(JSON.stringify(id)), id);
      await assert.rejects(store.remove(id), CheckpointRefused, id);
    }
    await assert.rejects(store.read('c-00000000a-aaaaaaaa'), /There is no checkpoint "c-00000000a-aaaaaaaa"/);
    assert.equal(git(folder, ['rev-parse', 'main']).trim(), git(folder, ['rev-parse', 'HEAD']).trim());
  });

  it('refuse paths that leave the folder or are protected, and keep nothing then', async () => {
    const folder = busyRepository();
    const store = await storeOf(folder);
    const cases: [string, RegExp][] = [
      ['../outside.ts', /"\.\.\/outside\.ts" has a "\.\." segment/],
      ['/etc/passwd', /is an absolute path/],
      ['.git/config', /is protected: "\.git\/" is git's own data/],
      ['.git/hooks/pre-commit', /protected/],
      ['src//a.ts', /empty segment/],
      ['C:\\x.ts', /drive letter/],
      ['.nova/proposals/p.json', /Nova's own state/],
    ];
    for (const [path, reason] of cases) {
      await assert.rejects(store.create('bad', [{ path, text: 'x' }]), (error: Error) => error instanceof CheckpointRefused && reason.test(error.message), path);
    }
    await assert.rejects(store.create('twice', [{ path: 'a.ts', text: '1' }, { path: 'a.ts', text: '2' }]), /"a\.ts" is given twice/);
    await assert.rejects(store.create('  ', [{ path: 'a.ts', text: '1' }]), /the label is empty/);
    await assert.rejects(store.create('none', []), /no file was given/);
    // A change set's summary can be long: the label is shortened, never a reason to refuse the accept.
    const long = await store.create(`before accepting “${'a very long summary '.repeat(30)}”`, [{ path: 'a.ts', text: '1' }]);
    assert.equal(long.label.length, 200);
    assert.match(long.label, /…$/);
    await store.remove(long.id);
    assert.deepEqual(novaRefs(folder), []);
  });

  it('report a ref under refs/nova/checkpoints that is not a Nova checkpoint, and refuse to restore it', async () => {
    const folder = busyRepository();
    const store = await storeOf(folder);
    const good = await store.create('good', [{ path: 'a.ts', text: 'good' }]);
    // Someone else's commit under Nova's name, a malformed name, and a crafted message naming a path outside.
    git(folder, ['update-ref', 'refs/nova/checkpoints/c-00000000a-aaaaaaaa', 'HEAD']);
    git(folder, ['update-ref', 'refs/nova/checkpoints/evil', 'HEAD']);
    const tree = git(folder, ['write-tree']).trim();
    const crafted = JSON.stringify({ format: 'nova-checkpoint/1', id: 'c-00000000b-bbbbbbbb', label: 'x', createdAt: 1, paths: ['../../etc/passwd'], absent: ['../../etc/passwd'] });
    const commit = git(folder, ['commit-tree', tree, '-m', 'Nova checkpoint: x', '-m', crafted]).trim();
    git(folder, ['update-ref', 'refs/nova/checkpoints/c-00000000b-bbbbbbbb', commit]);

    const listing = await store.list();
    assert.deepEqual(listing.checkpoints.map((summary) => summary.id), [good.id]);
    assert.equal(listing.problems.length, 3, listing.problems.join('\n'));
    assert.ok(listing.problems.some((problem) => /refs\/nova\/checkpoints\/evil: not a checkpoint id/.test(problem)));
    assert.ok(listing.problems.some((problem) => /c-00000000a-aaaaaaaa: its commit message is not a Nova checkpoint/.test(problem)));
    assert.ok(listing.problems.some((problem) => /c-00000000b-bbbbbbbb: .*"\.\.\/\.\.\/etc\/passwd" has a "\.\." segment/.test(problem)));

    const before = bytesOf(folder, ['a.ts']);
    await assert.rejects(restoreCheckpoint(store, 'c-00000000b-bbbbbbbb', await diskCheckpointFiles(folder)), CheckpointRefused);
    assert.deepEqual(bytesOf(folder, ['a.ts']), before);
  });

  it('restore through the sandbox: a path that now leads through a symbolic link out of the folder is refused and nothing is written', async () => {
    const folder = busyRepository();
    const outside = scratchFolder('nova-outside-');
    writeFileSync(join(outside, 'secret.txt'), 'secret\n');
    const store = await storeOf(folder);
    const taken = await store.create('before', [
      { path: 'a.ts', text: 'restored a\n' },
      { path: 'linked/secret.txt', text: 'overwritten\n' },
    ]);
    symlinkSync(outside, join(folder, 'linked'));
    const before = bytesOf(folder, ['a.ts']);
    await assert.rejects(restoreCheckpoint(store, taken.id, await diskCheckpointFiles(folder)), (error: Error) => /"linked\/secret\.txt" is outside the workspace/.test(error.message));
    assert.equal(readFileSync(join(outside, 'secret.txt'), 'utf8'), 'secret\n');
    assert.deepEqual(bytesOf(folder, ['a.ts']), before, 'a file was written although another path was refused');
  });

  it('take the checkpoint of the current content before writing, so a restore can itself be restored', async () => {
    const folder = busyRepository();
    const store = await storeOf(folder);
    const disk = await diskCheckpointFiles(folder);
    const original = await disk.read(['a.ts', 'later.ts']);
    const taken = await store.create('before the agent', original);
    writeFileSync(join(folder, 'a.ts'), 'the agent wrote this\n');
    writeFileSync(join(folder, 'later.ts'), 'and this\n');
    const agentWork = await disk.read(['a.ts', 'later.ts']);

    let written: readonly CheckpointFile[] = [];
    const refusingWriter = { read: disk.read, write: async (files: readonly CheckpointFile[]) => ((written = files), Promise.reject(new Error('disk full'))) };
    await assert.rejects(restoreCheckpoint(store, taken.id, refusingWriter), /disk full/);
    assert.equal(written.length, 2);
    const [undo] = (await store.list()).checkpoints;
    assert.equal(undo?.label, 'before restoring before the agent');
    assert.deepEqual((await store.read(undo?.id ?? '')).files, agentWork, 'the checkpoint was not taken before writing');

    const restored = await restoreCheckpoint(store, taken.id, disk);
    assert.deepEqual(await disk.read(['a.ts', 'later.ts']), original);
    await restoreCheckpoint(store, restored.before.id, disk);
    assert.deepEqual(await disk.read(['a.ts', 'later.ts']), agentWork, 'undoing the restore did not bring the agent\'s work back');
  });
});
