import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { readJsonBlock } from '../../../src/core/tools/structuredOutput';
import { makeWorkspace, type TempWorkspace } from '../tools/workspace';

const tsconfig = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, types: [] }, include: ['src'] });
const util = 'export function double(n: number): number {\n  return n * 2;\n}\n\nexport function shout(s: string): string {\n  return s.toUpperCase();\n}\n';
const main = 'import { double, shout } from "./util";\n\nexport const four: number = double(2);\n';

describe('typescript_fixes and typescript_check', () => {
  let w: TempWorkspace;
  const tools = createWorkspaceTools();
  beforeEach(async () => {
    w = await makeWorkspace();
    await w.write('tsconfig.json', tsconfig);
    await w.write('src/util.ts', util);
    await w.write('src/main.ts', main);
  });
  afterEach(() => w.dispose());

  // Restricted Mode: these tools only compute, so they must work in an untrusted workspace too.
  const invoke = (name: string, input: unknown) => tools.invoke(name, input, w.context({ trusted: false }));

  it('typescript_fixes proposes a hunk that removes an unused import, and writes nothing', async () => {
    const outcome = await invoke('typescript_fixes', { path: 'src/main.ts', fixes: ['removeUnusedImports'] });
    assert.equal(outcome.status, 'ok', outcome.output);
    const data = readJsonBlock(outcome.output) as { files: { path: string; hunks: { startLine: number; before: string; after: string; rationale: string }[] }[] };
    assert.deepEqual(data.files.map((file) => ({ ...file, hunks: file.hunks.map(({ rationale: _r, ...hunk }) => hunk) })), [
      { path: 'src/main.ts', hunks: [{ startLine: 1, before: 'import { double, shout } from "./util";', after: 'import { double } from "./util";' }] },
    ]);
    assert.match(data.files[0]?.hunks[0]?.rationale ?? '', /unusedIdentifier_deleteImports/);
    assert.match(outcome.output, /^- import \{ double, shout \}/m);
    assert.equal(await fs.readFile(path.join(w.ws, 'src/main.ts'), 'utf8'), main);
  });

  it('typescript_fixes says so when nothing applies', async () => {
    const outcome = await invoke('typescript_fixes', { path: 'src/util.ts' });
    assert.equal(outcome.status, 'ok');
    assert.match(outcome.output, /^No change: /);
    assert.deepEqual((readJsonBlock(outcome.output) as { files: unknown[] }).files, []);
  });

  it('typescript_fixes fixAll adds a missing async for an await in a sync function', async () => {
    await w.write('src/wait.ts', 'export function later(p: Promise<number>) {\n  const n = await p;\n  return n;\n}\n');
    const outcome = await invoke('typescript_fixes', { path: 'src/wait.ts', fixes: ['fixAll'] });
    const data = readJsonBlock(outcome.output) as { fixes: { tsFixes: string[] }[]; files: { hunks: { startLine: number; after: string }[] }[] };
    assert.deepEqual(data.fixes[0]?.tsFixes, ['fixAwaitInSyncFunction']);
    assert.deepEqual(data.files[0]?.hunks.map((hunk) => `${hunk.startLine}: ${hunk.after}`), ['1: export async function later(p: Promise<number>) {']);
  });

  it('typescript_check lists errors as path:line: TS####', async () => {
    await w.write('src/bad.ts', 'export const n: number = "one";\n');
    const outcome = await invoke('typescript_check', {});
    assert.equal(outcome.status, 'ok', outcome.output);
    assert.match(outcome.output, /^src\/bad\.ts:1: TS2322: Type 'string' is not assignable to type 'number'\.$/m);
    const data = readJsonBlock(outcome.output) as { errors: number; files: number };
    assert.deepEqual({ errors: data.errors, files: data.files }, { errors: 1, files: 3 });
    const scoped = readJsonBlock((await invoke('typescript_check', { paths: ['src/util.ts'] })).output) as { errors: number };
    assert.equal(scoped.errors, 0);
  });

  it('typescript_check on a proposal reports the error it introduces, in another file too', async () => {
    const proposal = {
      summary: 'double returns a string',
      rationale: 'test',
      files: [{ path: 'src/util.ts', hunks: [{ startLine: 1, before: 'export function double(n: number): number {\n  return n * 2;', after: 'export function double(n: number): string {\n  return String(n * 2);', rationale: 'x' }] }],
      risks: [],
    };
    const outcome = await invoke('typescript_check', { proposal });
    assert.equal(outcome.status, 'ok', outcome.output);
    const data = readJsonBlock(outcome.output) as { ok: boolean; conflicts: unknown[]; errorsBefore: number; errorsAfter: number; introduced: { path: string; line: number; code: number }[] };
    assert.equal(data.ok, false);
    assert.deepEqual(data.conflicts, []);
    assert.deepEqual({ before: data.errorsBefore, after: data.errorsAfter }, { before: 0, after: 1 });
    assert.deepEqual(data.introduced.map((error) => `${error.path}:${error.line} TS${error.code}`), ['src/main.ts:3 TS2322']);
    assert.match(outcome.output, /New errors the change introduces \(1\):\n {2}src\/main\.ts:3: TS2322/);
    // Checking in memory left the files, and the next check, as they were.
    assert.equal((readJsonBlock((await invoke('typescript_check', {})).output) as { errors: number }).errors, 0);
  });

  it('typescript_check on a proposal with a stale before reports a conflict', async () => {
    const proposal = { files: [{ path: 'src/util.ts', hunks: [{ startLine: 2, before: '  return n * 3;', after: '  return n * 4;' }] }] };
    const data = readJsonBlock((await invoke('typescript_check', { proposal })).output) as { ok: boolean; conflicts: { path: string; startLine: number; reason: string }[] };
    assert.equal(data.ok, false);
    assert.deepEqual(data.conflicts, [{ path: 'src/util.ts', hunk: 0, startLine: 2, reason: 'line 2 is "  return n * 2;", but the hunk expects "  return n * 3;"' }]);
  });

  it('typescript_check on a clean proposal says it type-checks, and sees edits made since the last call', async () => {
    const proposal = { files: [{ path: 'src/main.ts', hunks: [{ startLine: 1, before: 'import { double, shout } from "./util";', after: 'import { double } from "./util";' }] }] };
    assert.equal((readJsonBlock((await invoke('typescript_check', { proposal })).output) as { ok: boolean }).ok, true);
    await w.write('src/main.ts', main.replace('double(2)', 'shout("2")'));
    const stale = readJsonBlock((await invoke('typescript_check', { proposal })).output) as { ok: boolean; errorsBefore: number };
    assert.deepEqual({ ok: stale.ok, errorsBefore: stale.errorsBefore }, { ok: false, errorsBefore: 1 });
  });

  it('refuses paths outside the workspace', async () => {
    assert.equal((await invoke('typescript_fixes', { path: '../outside/secret.txt' })).status, 'refused');
    const check = readJsonBlock((await invoke('typescript_check', { proposal: { files: [{ path: '../outside/x.ts', hunks: [{ startLine: 1, before: '', after: 'x' }] }] } })).output) as { conflicts: { reason: string }[] };
    assert.match(check.conflicts[0]?.reason ?? '', /outside the workspace/);
  });

  it('works without a tsconfig.json (strict defaults)', async () => {
    await fs.rm(path.join(w.ws, 'tsconfig.json'));
    await w.write('src/bad.ts', 'export const n: number = "one";\n');
    const outcome = await invoke('typescript_check', { paths: ['src'] });
    assert.match(outcome.output, /no tsconfig\.json \(strict defaults\)/);
    assert.match(outcome.output, /^src\/bad\.ts:1: TS2322/m);
  });
});
