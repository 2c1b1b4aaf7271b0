/**
 * A git checkpoint is only as good as what git answers: when git returns something other than what
 * was asked (another object, another type, a header without a size, fewer objects than files), the
 * store refuses with the reason instead of restoring a wrong text; a checkpoint git cannot
 * describe is refused by id, saying why; and taking one leaves no scratch folder behind.
 */
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { GitCheckpointStore } from '../../../src/core/checkpoints/gitStore';
import { GitCommand, type GitCommandOptions } from '../../../src/core/checkpoints/gitCommand';
import { busyRepository, git, isolateGit, scratchFolder } from './tempRepo';

/** A real git whose `cat-file --batch` headers or `hash-object` output are rewritten by `tamper`. */
class TamperedGit extends GitCommand {
  constructor(
    topFolder: string,
    private readonly tamper: { header?: (header: string) => string; hashed?: (output: string) => string },
  ) {
    super(topFolder);
  }

  override async text(args: readonly string[], options?: GitCommandOptions): Promise<string> {
    const output = await super.text(args, options);
    return args[0] === 'hash-object' && this.tamper.hashed ? this.tamper.hashed(output) : output;
  }

  override async catFileBytes(args: readonly string[], options?: GitCommandOptions): Promise<Buffer> {
    const output = await super.catFileBytes(args, options);
    const headerEnd = output.indexOf(0x0a);
    const header = output.subarray(0, headerEnd).toString('utf8');
    return Buffer.concat([Buffer.from(this.tamper.header?.(header) ?? header, 'utf8'), output.subarray(headerEnd)]);
  }
}

describe('git checkpoints when git answers wrongly', () => {
  isolateGit();

  const tampered = [
    { what: 'another object', header: (header: string) => header.replace(/^[0-9a-f]+/, '0'.repeat(40)) },
    { what: 'another type', header: (header: string) => header.replace(' blob ', ' tree ') },
    { what: 'no size', header: (header: string) => header.split(' ').slice(0, 2).join(' ') },
  ];
  for (const { what, header } of tampered) {
    it(`refuses to read a checkpoint when cat-file answers with ${what}`, async () => {
      const folder = busyRepository();
      const taken = await new GitCheckpointStore(new GitCommand(folder)).create('one', [{ path: 'a.ts', text: 'kept\n' }]);
      const blob = git(folder, ['rev-parse', `refs/nova/checkpoints/${taken.id}:a.ts`]).trim();
      await assert.rejects(new GitCheckpointStore(new TamperedGit(folder, { header })).read(taken.id), { message: `git cat-file did not return blob ${blob}.` });
    });
  }

  it('refuses to take a checkpoint when hash-object wrote fewer objects than files', async () => {
    const folder = busyRepository();
    const store = new GitCheckpointStore(new TamperedGit(folder, { hashed: (output) => output.split('\n').slice(1).join('\n') }));
    await assert.rejects(store.create('two', [{ path: 'a.ts', text: 'a\n' }, { path: 'b.ts', text: 'b\n' }]), { message: 'git hash-object wrote 1 objects for 2 files.' });
    assert.deepEqual((await store.list()).checkpoints, []);
  });

  it('leaves nothing in the temporary folder once a checkpoint is taken', async () => {
    const folder = busyRepository();
    const temporary = scratchFolder('nova-tmpdir-');
    const before = process.env.TMPDIR;
    process.env.TMPDIR = temporary;
    try {
      await new GitCheckpointStore(new GitCommand(folder)).create('one', [{ path: 'a.ts', text: 'a\n' }]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    assert.deepEqual(readdirSync(temporary), []);
  });

  it('refuses a checkpoint by id when its ref points at a tree, saying so', async () => {
    const folder = busyRepository();
    const id = 'c-00000000a-aaaaaaaa';
    git(folder, ['update-ref', `refs/nova/checkpoints/${id}`, git(folder, ['write-tree']).trim()]);
    await assert.rejects(new GitCheckpointStore(new GitCommand(folder)).read(id), { message: `Checkpoint "${id}" cannot be used: points to a tree, not a commit.` });
  });
});
