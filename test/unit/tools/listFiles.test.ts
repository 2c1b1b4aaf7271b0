import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { makeWorkspace, type TempWorkspace } from './workspace';

describe('list_files', () => {
  let w: TempWorkspace;
  const tools = createWorkspaceTools();
  beforeEach(async () => {
    w = await makeWorkspace();
    await w.write('src/b.ts', '');
    await w.write('src/a.ts', '');
    await w.write('src/lib/c.ts', '');
    await w.write('README.md', '');
    await w.write('node_modules/left-pad/index.js', '');
    await w.write('.git/HEAD', '');
  });
  afterEach(() => w.dispose());

  const list = (input: unknown) => tools.invoke('list_files', input, w.context());

  it('lists the direct entries of the workspace folder, sorted, directories ending with /', async () => {
    const outcome = await list({});
    assert.equal(outcome.status, 'ok');
    assert.equal(
      outcome.output,
      ['Directory the workspace folder (2 entries):', 'README.md', 'src/', '[Not listed: .git, node_modules.]'].join('\n'),
    );
  });

  it('lists recursively with workspace-relative posix paths, never inside node_modules or .git', async () => {
    const outcome = await list({ path: 'src', recursive: true });
    assert.deepEqual(outcome.output.split('\n').slice(1), ['src/a.ts', 'src/b.ts', 'src/lib/', 'src/lib/c.ts']);
    const all = await list({ recursive: true });
    assert.doesNotMatch(all.output, /left-pad|HEAD/);
  });

  it('marks a symbolic link out of the workspace and does not descend it; follows one inside', async () => {
    await fs.symlink(path.join(w.root, 'outside'), path.join(w.ws, 'escape'));
    await fs.symlink(path.join(w.ws, 'src', 'lib'), path.join(w.ws, 'lib-alias'));
    await fs.symlink(w.ws, path.join(w.ws, 'src', 'loop'));
    const outcome = await list({ recursive: true });
    assert.equal(outcome.status, 'ok');
    assert.match(outcome.output, /^escape {2}\(symbolic link to a place outside the workspace; not followed\)$/m);
    assert.doesNotMatch(outcome.output, /secret/);
    assert.match(outcome.output, /^lib-alias\/ {2}\(symbolic link\)$/m);
    assert.match(outcome.output, /^lib-alias\/c\.ts$/m);
    // A link back to the folder is listed but not walked again.
    assert.match(outcome.output, /^src\/loop\/ {2}\(symbolic link\)$/m);
    assert.doesNotMatch(outcome.output, /^src\/loop\/README/m);
  });

  it('stops at maxEntries and says so', async () => {
    const outcome = await list({ recursive: true, maxEntries: 2 });
    assert.deepEqual(outcome.output.split('\n').slice(0, 3), ['Directory the workspace folder (2 entries, recursive):', 'README.md', 'src/']);
    assert.match(outcome.output, /Stopped at 2 entries/);
  });

  it('refuses a directory outside and reports a file', async () => {
    assert.equal((await list({ path: '..' })).status, 'refused');
    assert.match((await list({ path: 'README.md' })).output, /not a directory; use read_file/);
  });
});
