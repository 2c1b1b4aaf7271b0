/**
 * Files are opened, then checked: a hostile workspace (or a process racing the tools) must never get
 * a byte from outside the workspace into what the model reads — not by swapping a directory for a
 * symbolic link between the sandbox's check and the read, not through a dependency that links out,
 * and not through the text of a refusal.
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import type { ToolOutcome } from '../../../src/core/tools/tool';
import { makeWorkspace, type TempWorkspace } from '../tools/workspace';

const marker = 'OUTSIDE-MARKER-7f3a9c';

describe('security: file reads are opened, then checked', () => {
  let w: TempWorkspace;
  const tools = createWorkspaceTools();
  beforeEach(async () => {
    w = await makeWorkspace();
  });
  afterEach(() => w.dispose());

  const run = (name: string, input: unknown): Promise<ToolOutcome> => tools.invoke(name, input, w.context());

  it('a directory swapped for a link to an outside directory between check and read leaks nothing (1,000 tries)', async function () {
    this.timeout(60_000);
    const outside = path.join(w.root, 'outside-dir');
    const stage = path.join(w.root, 'stage');
    await fs.mkdir(outside);
    await fs.mkdir(stage);
    await fs.writeFile(path.join(outside, 'note.txt'), `needle ${marker}\n`);
    await fs.writeFile(path.join(outside, `${marker}.txt`), `needle ${marker}\n`);
    await w.write('dir/note.txt', 'needle inside\n');
    await w.write('other.txt', 'needle elsewhere\n');
    await fs.symlink(outside, path.join(stage, 'dir-link'));

    const stop = new SharedArrayBuffer(4);
    const worker = new Worker(swapperSource, {
      eval: true,
      workerData: { dir: path.join(w.ws, 'dir'), realAside: path.join(stage, 'dir-real'), linkAside: path.join(stage, 'dir-link'), stop },
    });
    const swapped = new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    let leaks = 0;
    let tries = 0;
    let sawInside = 0;
    try {
      for (; tries < 1000; tries++) {
        const outcomes = await Promise.all([
          run('search_text', { query: 'needle', path: '.' }),
          run('read_file', { path: 'dir/note.txt' }),
          run('list_files', { path: '.', recursive: true }),
        ]);
        const text = outcomes.map((outcome) => outcome.output).join('\n');
        if (text.includes(marker)) leaks++;
        if (text.includes('needle inside')) sawInside++;
      }
    } finally {
      Atomics.store(new Int32Array(stop), 0, 1);
    }
    const swaps = await swapped;
    await worker.terminate();
    assert.ok(swaps > 1000, `the directory was swapped only ${swaps} times; the race was not exercised`);
    assert.ok(sawInside > 0, 'the file inside was never read: the test exercised nothing');
    assert.equal(leaks, 0, `outside bytes reached tool output in ${leaks} of ${tries} tries (${swaps} swaps)`);
  });
});

const swapperSource = `
const fs = require('node:fs');
const { workerData, parentPort } = require('node:worker_threads');
const { dir, realAside, linkAside, stop } = workerData;
const flag = new Int32Array(stop);
let swaps = 0;
while (Atomics.load(flag, 0) === 0) {
  try {
    fs.renameSync(dir, realAside);
    fs.renameSync(linkAside, dir);
    swaps++;
    fs.renameSync(dir, linkAside);
    fs.renameSync(realAside, dir);
    swaps++;
  } catch {}
}
// Leave the real directory in place.
try { if (fs.lstatSync(dir).isSymbolicLink()) { fs.renameSync(dir, linkAside); fs.renameSync(realAside, dir); } } catch {}
parentPort.postMessage(swaps);
`;
