import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../tools/paths';
import { createSampleWorkspace, scratchDir } from '../../tools/sample-workspace';

// The sample project is what demos and later tests run the team on: it must stay a real project.
describe('the sample workspace', () => {
  let dir: string;
  before(() => {
    dir = createSampleWorkspace(join(scratchDir('sample'), 'sample'));
  });
  after(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('is a committed git repository with a clean tree', () => {
    assert.equal(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' }), '');
    assert.match(execFileSync('git', ['log', '--oneline'], { cwd: dir, encoding: 'utf8' }), /Sample workspace/);
    assert.ok(!existsSync(join(dir, 'node_modules')));
  });

  it('type-checks and its own tests pass', () => {
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', dir], { cwd: dir, stdio: 'pipe' });
    const script = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: { test: string } }).scripts.test;
    const testCommand = script.split('&&')[1]?.trim(); // the part after the build
    assert.ok(testCommand?.startsWith('node --test'), script);
    const out = execFileSync('sh', ['-c', testCommand], { cwd: dir, encoding: 'utf8' });
    assert.match(out, /# fail 0/);
    assert.match(out, /# pass [1-9]\d*/);
  });
});
