import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceFiles } from '../../../src/core/host';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import { overlayWorkspaceFiles } from '../../../src/core/host/overlayFiles';
import { readWorkspaceSources } from '../../../src/core/typescript/workspaceStore';
import { WorkspaceSandbox } from '../../../src/core/workspace/sandbox';
import { makeWorkspace, type TempWorkspace } from '../tools/workspace';

/** The files host, counting the texts it reads by path. */
function countingReads(base: WorkspaceFiles, reads: Map<string, number>): WorkspaceFiles {
  return {
    ...base,
    readText: (at, check) => {
      reads.set(path.basename(at), (reads.get(path.basename(at)) ?? 0) + 1);
      return base.readText(at, check);
    },
  };
}

describe('reading a workspace folder for TypeScript, again', () => {
  let w: TempWorkspace;
  const signal = new AbortController().signal;
  beforeEach(async () => {
    w = await makeWorkspace();
    await w.write('src/a.ts', 'export const a = 1;\n');
    await w.write('src/b.ts', 'export const b = 2;\n');
  });
  afterEach(() => w.dispose());

  it('reads again only the files whose size or modification time changed, and sees new and deleted files', async () => {
    // A time in whole seconds, which every file system keeps exactly.
    const whole = new Date('2020-01-01T00:00:00Z');
    await fs.utimes(path.join(w.ws, 'src/b.ts'), whole, whole);
    const reads = new Map<string, number>();
    const sandbox = await WorkspaceSandbox.create([w.ws], countingReads(nodeWorkspaceFiles, reads));
    const text = async (name: string) => (await readWorkspaceSources(sandbox, w.ws, signal, true)).store.readText(path.join(w.ws, 'src', name));
    assert.equal(await text('a.ts'), 'export const a = 1;\n');
    assert.deepEqual(Object.fromEntries(reads), { 'a.ts': 1, 'b.ts': 1 });

    // Same size, later modification time: read again. b.ts unchanged: not read.
    await fs.writeFile(path.join(w.ws, 'src/a.ts'), 'export const a = 3;\n');
    const later = new Date(Date.now() + 5000);
    await fs.utimes(path.join(w.ws, 'src/a.ts'), later, later);
    await fs.writeFile(path.join(w.ws, 'src/c.ts'), 'export const c = 4;\n');
    await fs.rm(path.join(w.ws, 'src/b.ts'));
    const second = await readWorkspaceSources(sandbox, w.ws, signal, true);
    assert.equal(second.store.readText(path.join(w.ws, 'src/a.ts')), 'export const a = 3;\n');
    assert.equal(second.store.readText(path.join(w.ws, 'src/c.ts')), 'export const c = 4;\n');
    assert.equal(second.store.readText(path.join(w.ws, 'src/b.ts')), undefined, 'a deleted file is gone');
    assert.deepEqual(Object.fromEntries(reads), { 'a.ts': 2, 'b.ts': 1, 'c.ts': 1 });

    // Nothing changed: nothing is read.
    await readWorkspaceSources(sandbox, w.ws, signal, true);
    assert.deepEqual(Object.fromEntries(reads), { 'a.ts': 2, 'b.ts': 1, 'c.ts': 1 });

    // b.ts back with another text of its old size and time: read, not taken for the deleted one.
    await fs.writeFile(path.join(w.ws, 'src/b.ts'), 'export const b = 9;\n');
    await fs.utimes(path.join(w.ws, 'src/b.ts'), whole, whole);
    assert.equal((await readWorkspaceSources(sandbox, w.ws, signal, true)).store.readText(path.join(w.ws, 'src/b.ts')), 'export const b = 9;\n');
  });

  it('reads an open buffer every time (its text changes without the disk), and a new sandbox reads everything', async () => {
    const buffers = new Map<string, string>([[path.join(w.ws, 'src/a.ts'), 'export const a = "typed";\n']]);
    const reads = new Map<string, number>();
    const files = countingReads(overlayWorkspaceFiles(nodeWorkspaceFiles, (at) => buffers.get(at)), reads);
    const sandbox = await WorkspaceSandbox.create([w.ws], files);
    assert.equal((await readWorkspaceSources(sandbox, w.ws, signal, true)).store.readText(path.join(w.ws, 'src/a.ts')), 'export const a = "typed";\n');
    buffers.set(path.join(w.ws, 'src/a.ts'), 'export const a = "typed more";\n');
    assert.equal((await readWorkspaceSources(sandbox, w.ws, signal, true)).store.readText(path.join(w.ws, 'src/a.ts')), 'export const a = "typed more";\n');
    assert.deepEqual(Object.fromEntries(reads), { 'a.ts': 2, 'b.ts': 1 });

    await readWorkspaceSources(await WorkspaceSandbox.create([w.ws], files), w.ws, signal, true);
    assert.deepEqual(Object.fromEntries(reads), { 'a.ts': 3, 'b.ts': 2 });
  });
});
