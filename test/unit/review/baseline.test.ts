import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BaselineError, baselineText, parseBaseline, readBaseline, splitByBaseline, updatedBaseline, writeBaseline } from '../../../src/core/review/baseline';
import { tempWorkspace } from '../../support/team';

const fp = (digit: string) => digit.repeat(32);

describe('the review baseline', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    workspace = await tempWorkspace();
  });
  afterEach(() => workspace.cleanup());

  it('is written sorted, once per fingerprint, and read back; no file is an empty baseline', async () => {
    assert.deepEqual(await readBaseline(workspace.folder), { entries: [] });
    const entries = [
      { fingerprint: fp('b'), rule: 'loose-equality', path: 'src/z.ts' },
      { fingerprint: fp('a'), rule: 'explicit-any', path: 'src/a.ts' },
      { fingerprint: fp('b'), rule: 'loose-equality', path: 'src/z.ts' },
    ];
    await writeBaseline(workspace.folder, { entries });
    const read = await readBaseline(workspace.folder);
    assert.deepEqual(read.entries, [entries[1], entries[0]]);
    assert.equal(await fs.readFile(path.join(workspace.folder, '.nova', 'review-baseline.json'), 'utf8'), baselineText({ entries }));
  });

  it('splits findings into fresh and baselined by fingerprint', () => {
    const { fresh, baselined } = splitByBaseline([{ fingerprint: fp('a') }, { fingerprint: fp('c') }], { entries: [{ fingerprint: fp('a'), rule: 'r', path: 'p' }] });
    assert.deepEqual([fresh, baselined], [[{ fingerprint: fp('c') }], [{ fingerprint: fp('a') }]]);
  });

  it('an update replaces the entries of the files reviewed and keeps the others', () => {
    const previous = { entries: [{ fingerprint: fp('a'), rule: 'r', path: 'src/a.ts' }, { fingerprint: fp('b'), rule: 'r', path: 'src/b.ts' }] };
    const next = updatedBaseline(previous, new Set(['src/a.ts']), [{ fingerprint: fp('c'), rule: 'q', path: 'src/a.ts' }]);
    assert.deepEqual(next.entries.map((entry) => entry.fingerprint), [fp('b'), fp('c')]);
  });

  it('a file that is not a baseline is a BaselineError naming the problem', () => {
    assert.throws(() => parseBaseline('{'), (error: Error) => error instanceof BaselineError && /is not JSON/.test(error.message));
    assert.throws(() => parseBaseline('{"version": 2, "findings": []}'), /is not a review baseline: version: /);
    assert.throws(() => parseBaseline(`{"version": 1, "findings": [{"fingerprint": "${fp('a')}", "rule": "r"}]}`), /findings\.0\.path: /);
  });

  it('is neither read nor written through a symbolic link (it could lead outside the workspace)', async () => {
    const outside = await tempWorkspace({ 'review-baseline.json': '{"version": 1, "findings": []}' });
    try {
      await fs.symlink(outside.folder, path.join(workspace.folder, '.nova'));
      await assert.rejects(readBaseline(workspace.folder), /\.nova is a symbolic link/);
      await assert.rejects(writeBaseline(workspace.folder, { entries: [] }), /\.nova is a symbolic link/);
      await fs.rm(path.join(workspace.folder, '.nova'));
      await fs.mkdir(path.join(workspace.folder, '.nova'));
      await fs.symlink(path.join(outside.folder, 'review-baseline.json'), path.join(workspace.folder, '.nova', 'review-baseline.json'));
      await assert.rejects(readBaseline(workspace.folder), /review-baseline\.json is a symbolic link/);
      await assert.rejects(writeBaseline(workspace.folder, { entries: [] }), /review-baseline\.json is a symbolic link/);
      assert.equal(await fs.readFile(path.join(outside.folder, 'review-baseline.json'), 'utf8'), '{"version": 1, "findings": []}');
    } finally {
      await outside.cleanup();
    }
  });
});
