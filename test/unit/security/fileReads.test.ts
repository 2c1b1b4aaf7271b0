/**
 * Files are opened, then checked: a hostile workspace (or a process racing the tools) must never get
 * a byte from outside the workspace into what the model reads — not by swapping a directory for a
 * symbolic link between the sandbox's check and the read, not through a dependency that links out,
 * and not through the text of a refusal.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openedPathMethod } from '../../../src/core/host/checkedRead';
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

  /**
   * `tries` rounds of `calls` run together while a worker swaps `dir` for a link to a directory
   * outside (holding the marker in a file's text and in a file's name) and back.
   */
  async function race(tries: number, calls: readonly (readonly [string, unknown])[]) {
    const outside = path.join(w.root, 'outside-dir');
    const stage = path.join(w.root, 'stage');
    await fs.mkdir(outside);
    await fs.mkdir(stage);
    await fs.writeFile(path.join(outside, 'note.txt'), `needle ${marker}\n`);
    await fs.writeFile(path.join(outside, `${marker}.txt`), `needle ${marker}\n`);
    // For the TypeScript tools: a type error whose message would quote the outside text.
    await fs.writeFile(path.join(outside, 'note.ts'), `// needle\nexport const n: number = '${marker}' as const;\n`);
    await w.write('dir/note.txt', 'needle inside\n');
    await w.write('dir/note.ts', "// needle inside\nexport const n: number = 'inside' as const;\n");
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
    let sawInside = 0;
    try {
      for (let round = 0; round < tries; round++) {
        const outcomes = await Promise.all(calls.map(([name, input]) => run(name, input)));
        const text = outcomes.map((outcome) => outcome.output).join('\n');
        if (text.includes(marker)) leaks++;
        if (text.includes('needle inside')) sawInside++;
      }
    } finally {
      Atomics.store(new Int32Array(stop), 0, 1);
    }
    const swaps = await swapped;
    await worker.terminate();
    assert.ok(swaps > tries, `the directory was swapped only ${swaps} times; the race was not exercised`);
    assert.ok(sawInside > 0, 'the file inside was never read: the test exercised nothing');
    assert.equal(leaks, 0, `outside bytes reached tool output in ${leaks} of ${tries} tries (${swaps} swaps)`);
  }

  it('a directory swapped for a link to an outside directory between check and read leaks nothing (1,000 tries)', async function () {
    this.timeout(60_000);
    await race(1000, [
      ['search_text', { query: 'needle', path: '.' }],
      ['read_file', { path: 'dir/note.txt' }],
      ['list_files', { path: '.', recursive: true }],
    ]);
  });

  it('the same swap under the TypeScript tools leaks nothing (200 tries)', async function () {
    this.timeout(60_000);
    await race(200, [
      ['typescript_check', { paths: ['dir'] }],
      ['review_analyzers', { paths: ['.'] }],
      ['read_file', { path: 'dir/note.ts' }],
    ]);
  });

  describe('the TypeScript tools judge every file by its own real path', () => {
    const secretMarker = 'SecretMarker51c0';
    const hoistedMarker = 'HoistedMarker88e2';
    beforeEach(async () => {
      const outside = path.join(w.root, 'outside-ts');
      await fs.mkdir(outside);
      // A dependency whose directory is inside the workspace but whose file links out.
      await fs.writeFile(path.join(outside, 'secret.ts'), `export interface ${secretMarker} { readonly secret: true }\nexport declare const value: ${secretMarker};\n`);
      await fs.writeFile(path.join(outside, 'secret.txt'), `export interface ${secretMarker}Txt { readonly secret: true }\nexport declare const other: ${secretMarker}Txt;\n`);
      await fs.mkdir(path.join(w.ws, 'node_modules', 'evilpkg'), { recursive: true });
      await fs.symlink(path.join(outside, 'secret.ts'), path.join(w.ws, 'node_modules', 'evilpkg', 'index.ts'));
      await fs.mkdir(path.join(w.ws, 'node_modules', 'evildts'), { recursive: true });
      await fs.symlink(path.join(outside, 'secret.txt'), path.join(w.ws, 'node_modules', 'evildts', 'index.d.ts'));
      // A declaration hoisted above the workspace folder, as npm workspaces install them.
      await fs.mkdir(path.join(w.root, 'node_modules', '@types', 'hoisted'), { recursive: true });
      await fs.writeFile(path.join(w.root, 'node_modules', '@types', 'hoisted', 'index.d.ts'), `interface ${hoistedMarker} { readonly hoisted: true }\ndeclare const hoistedGlobal: { answer: ${hoistedMarker} };\n`);
      await w.write('src/main.ts', [
        "import { value } from 'evilpkg';",
        "import { other } from 'evildts';",
        'export const n: number = value;',
        'export const m: number = other;',
        'export const h: number = hoistedGlobal.answer;',
        '',
      ].join('\n'));
    });

    const check = async (trusted: boolean) => {
      const context = w.context({ trusted });
      const outcomes = [
        await tools.invoke('typescript_check', {}, context),
        await tools.invoke('typescript_check', { paths: ['src/main.ts'] }, context),
        await tools.invoke('review_analyzers', {}, context),
      ];
      for (const outcome of outcomes) assert.equal(outcome.status, 'ok', outcome.output);
      return outcomes.map((outcome) => outcome.output).join('\n');
    };

    it('a dependency file linking outside never reaches a diagnostic; a hoisted @types declaration still gives types', async () => {
      const output = await check(true);
      assert.ok(!output.includes(secretMarker), `an outside file's text reached the model:\n${output}`);
      assert.match(output, /src\/main\.ts:1: TS2307: Cannot find module 'evilpkg'/);
      assert.match(output, /src\/main\.ts:2: TS2307: Cannot find module 'evildts'/);
      // The hoisted declaration was read for its types: its literal type is in the error.
      assert.match(output, new RegExp(`src/main\\.ts:5: TS2322: Type '${hoistedMarker}' is not assignable to type 'number'`));
      assert.ok(!output.includes(w.root), `an absolute host path reached the model:\n${output}`);
    });

    it('in Restricted Mode nothing outside the workspace folder is read, not even a hoisted declaration', async () => {
      // Trusted first, so the cached project must drop what it read then.
      assert.match(await check(true), new RegExp(hoistedMarker));
      const output = await check(false);
      assert.ok(!output.includes(secretMarker), output);
      assert.ok(!output.includes(hoistedMarker), `a declaration outside the workspace was read in Restricted Mode:\n${output}`);
      assert.match(output, /src\/main\.ts:5: TS2304: Cannot find name 'hoistedGlobal'/);
    });
  });

  describe('refusals and errors name workspace paths only', () => {
    /** An absolute path anywhere in a text (a POSIX one after a quote, a space or a parenthesis). */
    const absolutePath = /(?:^|[\s"'(`])\/[^\s"'`]/;
    beforeEach(async () => {
      await fs.symlink(path.join(w.root, 'outside'), path.join(w.ws, 'escape'));
      await fs.symlink(path.join(w.root, 'outside', 'secret.txt'), path.join(w.ws, 'secret-link'));
      await fs.symlink(path.join(w.root, 'outside', 'not-yet.txt'), path.join(w.ws, 'dangling'));
      await fs.symlink('loop-b', path.join(w.ws, 'loop-a'));
      await fs.symlink('loop-a', path.join(w.ws, 'loop-b'));
      await w.write('src/a.ts', 'export const a = 1;\n');
    });

    const requests = ['../outside/secret.txt', 'escape/secret.txt', 'secret-link', 'dangling', 'loop-a/x.ts', '/etc/passwd', 'file:///etc/passwd', '../../../../../../../etc/shadow'];

    it('no refusal of any file tool names an absolute path or a link target (beyond the path the model sent)', async () => {
      const seen: string[] = [];
      for (const requested of requests) {
        const outcomes = await Promise.all([
          run('read_file', { path: requested }),
          run('list_files', { path: requested }),
          run('search_text', { query: 'x', path: requested }),
          run('typescript_check', { paths: [requested] }),
          run('review_analyzers', { paths: [requested] }),
          run('typescript_fixes', { path: requested, fixes: ['organizeImports'] }),
          run('typescript_symbols', { path: requested }),
        ]);
        for (const outcome of outcomes) {
          assert.notEqual(outcome.status, 'ok', `${requested} was not refused: ${outcome.output}`);
          const rest = outcome.output.split(JSON.stringify(requested)).join('');
          assert.doesNotMatch(rest, absolutePath, `an absolute path in: ${outcome.output}`);
          assert.ok(!rest.includes(w.root) && !rest.includes('outside/') && !rest.includes('not-yet'), `a host path or link target in: ${outcome.output}`);
          seen.push(outcome.output);
        }
      }
      for (const refusal of w.sandbox.refusals) {
        assert.doesNotMatch(refusal.reason.split(JSON.stringify(refusal.requested)).join(''), absolutePath, refusal.reason);
      }
      assert.ok(seen.some((text) => /a symbolic link along it leads out/.test(text)));
      assert.ok(seen.some((text) => /too many levels of symbolic links/.test(text)), seen.join('\n'));
    });

    it("TypeScript's own messages name workspace paths, not absolute ones", async () => {
      await w.write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, types: [] }, files: ['src/a.ts', 'src/missing.ts', '../outside/gone.ts'] }));
      const outcome = await run('typescript_check', {});
      assert.match(outcome.output, /TS6053: File 'src\/missing\.ts' not found/);
      assert.match(outcome.output, /TS6053: File '<outside the workspace>' not found/);
      assert.doesNotMatch(outcome.output, absolutePath, outcome.output);
    });

    for (const method of ['descriptor', 'identity'] as const) {
      it(`a file that moves out between the check and the read is refused by its workspace path (${method === 'descriptor' ? 'Linux: the descriptor names it' : 'elsewhere: device and inode compared'})`, async () => {
        const before = openedPathMethod.current;
        openedPathMethod.current = method;
        try {
          const resolved = await w.sandbox.resolve('src/a.ts');
          assert.ok(resolved.ok);
          // Swap src for a link to the outside directory after the check, as a racing process would.
          await fs.rename(path.join(w.ws, 'src'), path.join(w.root, 'src-aside'));
          await fs.symlink(path.join(w.root, 'outside'), path.join(w.ws, 'src'));
          await fs.writeFile(path.join(w.root, 'outside', 'a.ts'), `${marker}\n`);
          const read = await w.sandbox.readResolved(resolved.path, 1024);
          assert.deepEqual(read, { ok: false, problem: 'refused', reason: 'src/a.ts changed while it was being opened and now leads outside the workspace; it was not read' });
          assert.equal(w.sandbox.refusals.at(-1)?.requested, 'src/a.ts');
          await assert.rejects(w.sandbox.listDirectory(path.join(w.ws, 'src')), /the directory changed while it was being listed/);
        } finally {
          openedPathMethod.current = before;
        }
      });
    }
  });

  it('a FIFO in the workspace is refused at once, never waited on', async function () {
    this.timeout(10_000);
    execFileSync('mkfifo', [path.join(w.ws, 'pipe')]);
    await w.write('note.txt', 'needle\n');
    const started = Date.now();
    const read = await run('read_file', { path: 'pipe' });
    assert.deepEqual(read, { status: 'error', output: 'pipe is not a regular file (FIFOs, devices and sockets are never read).' });
    const search = await run('search_text', { query: 'needle' });
    assert.match(search.output, /^note\.txt:1: needle$/m);
    assert.ok(Date.now() - started < 5000);
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
