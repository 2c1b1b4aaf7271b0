import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readCheckedSync } from '../../../src/core/host/checkedRead';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import { overlayWorkspaceFiles } from '../../../src/core/host/overlayFiles';
import { makeWorkspace, type TempWorkspace } from '../tools/workspace';

describe('workspace files: open, then check, then read', () => {
  let w: TempWorkspace;
  let file: string;
  beforeEach(async () => {
    w = await makeWorkspace();
    file = await w.write('src/a.ts', 'export const a = 1;\n');
  });
  afterEach(() => w.dispose());

  const inside = (realPath: string) => realPath.startsWith(`${w.ws}/`);

  it('reads a regular file once the opened real path is allowed, and reports that path', async () => {
    await fs.symlink(path.join(w.ws, 'src'), path.join(w.ws, 'alias'));
    const read = await nodeWorkspaceFiles.readText(path.join(w.ws, 'alias', 'a.ts'), { allows: inside, maxBytes: 100 });
    assert.deepEqual(read, { ok: true, text: 'export const a = 1;\n', realPath: file });
    assert.deepEqual(readCheckedSync(path.join(w.ws, 'alias', 'a.ts'), { allows: inside, maxBytes: 100 }), read);
  });

  it('asks the check about what was opened, not what was asked for', async () => {
    const asked: string[] = [];
    const link = path.join(w.ws, 'secret-link');
    await fs.symlink(path.join(w.root, 'outside', 'secret.txt'), link);
    const read = await nodeWorkspaceFiles.readText(link, { allows: (realPath) => (asked.push(realPath), inside(realPath)), maxBytes: 100 });
    assert.deepEqual(read, { ok: false, problem: 'refused' });
    assert.deepEqual(asked, [path.join(w.root, 'outside', 'secret.txt')]);
  });

  it('refuses directories, FIFOs and files over the cap without reading them; missing is missing', async () => {
    const check = { allows: inside, maxBytes: 10 };
    assert.deepEqual(await nodeWorkspaceFiles.readText(path.join(w.ws, 'src'), check), { ok: false, problem: 'directory' });
    execFileSync('mkfifo', [path.join(w.ws, 'pipe')]);
    assert.deepEqual(await nodeWorkspaceFiles.readText(path.join(w.ws, 'pipe'), check), { ok: false, problem: 'other' });
    assert.deepEqual(readCheckedSync(path.join(w.ws, 'pipe'), check), { ok: false, problem: 'other' });
    assert.deepEqual(await nodeWorkspaceFiles.readText(file, check), { ok: false, problem: 'too-large', size: 20 });
    assert.deepEqual(await nodeWorkspaceFiles.readText(path.join(w.ws, 'nothing.ts'), check), { ok: false, problem: 'missing' });
  });

  it('lists a directory only when the opened directory is allowed', async () => {
    assert.deepEqual(await nodeWorkspaceFiles.readDirectory(path.join(w.ws, 'src'), inside), [{ name: 'a.ts', kind: 'file' }]);
    await fs.symlink(path.join(w.root, 'outside'), path.join(w.ws, 'escape'));
    await assert.rejects(nodeWorkspaceFiles.readDirectory(path.join(w.ws, 'escape'), inside), { name: 'DirectoryMovedError' });
  });

  it("an open editor buffer is returned as the person sees it, once its path is allowed, within the cap", async () => {
    const files = overlayWorkspaceFiles(nodeWorkspaceFiles, (at) => (at === file ? 'export const a = 2; // unsaved\n' : undefined));
    assert.deepEqual(await files.readText(file, { allows: inside, maxBytes: 100 }), { ok: true, text: 'export const a = 2; // unsaved\n', realPath: file });
    assert.deepEqual(await files.readText(file, { allows: () => false, maxBytes: 100 }), { ok: false, problem: 'refused' });
    assert.deepEqual(await files.readText(file, { allows: inside, maxBytes: 5 }), { ok: false, problem: 'too-large', size: 31 });
    // Other files still come from disk, checked the same way.
    const other = await w.write('src/b.ts', 'b\n');
    assert.deepEqual(await files.readText(other, { allows: inside, maxBytes: 100 }), { ok: true, text: 'b\n', realPath: other });
  });
});
