/**
 * A project whose configuration lives partly outside the workspace folder, as in a monorepo: the
 * tsconfig `extends` a base config above the folder, and that base names `typeRoots` beside it.
 * Trusted, Nova reads both as `tsc` does and reports exactly `tsc --noEmit`'s errors; in
 * Restricted Mode nothing outside the folder is read (so `fs` is not found and `strict` is off).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import { reviewWorkspace } from '../../../src/core/review/workspaceReview';
import { WorkspaceSandbox } from '../../../src/core/workspace/sandbox';
import { repoRoot } from '../../../tools/paths';

describe('TypeScript projects: a base config and type roots outside the workspace folder', function () {
  this.timeout(120_000);
  let root: string;
  let workspace: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'nova-outside-config-')));
    workspace = path.join(root, 'packages', 'app');
    // The shared type roots hold Node's declarations (and what they import), copied from the repository.
    for (const name of ['@types/node', 'undici-types']) fs.cpSync(path.join(repoRoot, 'node_modules', name), path.join(root, 'shared-types', path.basename(name)), { recursive: true, dereference: true });
    fs.mkdirSync(path.join(workspace, 'src'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tsconfig.base.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, noEmit: true, typeRoots: ['./shared-types'], types: ['node'] } }));
    fs.writeFileSync(path.join(workspace, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }));
    fs.writeFileSync(path.join(workspace, 'src', 'a.ts'), 'import * as fs from "fs";\nexport const size: number = fs.readFileSync("a").length;\nexport function first(name?: string): string {\n  return name.charAt(0);\n}\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const errors = async (trusted: boolean) => {
    const sandbox = await WorkspaceSandbox.create([workspace], nodeWorkspaceFiles);
    const review = await reviewWorkspace(sandbox, [], new AbortController().signal, trusted);
    return review.findings.filter((found) => found.rule.startsWith('ts-') && found.severity === 'error').map((found) => `${found.path}:${found.line} ${found.rule}`);
  };

  it('trusted: the same errors as tsc --noEmit (strict from the base, fs found through its type roots)', async () => {
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', workspace, '--pretty', 'false'], { encoding: 'utf8', cwd: workspace });
    const fromTsc = [...tsc.stdout.matchAll(/^(.+?)\((\d+),\d+\): error TS(\d+):/gm)].map(([, file, line, code]) => `${file}:${line} ts-${code}`);
    assert.deepEqual(fromTsc, ['src/a.ts:4 ts-18048'], tsc.stdout);
    assert.deepEqual(await errors(true), fromTsc);
  });

  it('Restricted Mode: neither the base config nor the type roots outside are read', async () => {
    assert.deepEqual(await errors(false), ['src/a.ts:1 ts-2307']);
  });

  it('one sandbox, reviewed in Restricted Mode and then trusted: the trusted review is not the restricted one kept (its program resolved no outside types)', async () => {
    // The options are the workspace's own either way (no base config), so only the trust differs.
    const local = path.join(root, 'packages', 'local');
    fs.mkdirSync(path.join(local, 'src'), { recursive: true });
    fs.writeFileSync(path.join(local, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, noEmit: true, typeRoots: ['../../shared-types'], types: ['node'] }, include: ['src'] }));
    fs.writeFileSync(path.join(local, 'src', 'b.ts'), 'export const argv: string[] = process.argv;\n');
    const sandbox = await WorkspaceSandbox.create([local], nodeWorkspaceFiles);
    const errorsIn = async (trusted: boolean) =>
      (await reviewWorkspace(sandbox, [], new AbortController().signal, trusted)).findings.filter((found) => found.severity === 'error').map((found) => `${found.path}:${found.line} ${found.rule}`);
    const restricted = await errorsIn(false);
    assert.ok(restricted.includes('src/b.ts:1 ts-2591'), `Restricted Mode: process is unknown: ${restricted.join(', ')}`);
    assert.deepEqual(await errorsIn(true), [], 'trusted: process is Node\'s, from the type roots outside');
    assert.deepEqual(await errorsIn(false), restricted, 'and Restricted Mode again does not reuse the trusted program either');
  });
});
