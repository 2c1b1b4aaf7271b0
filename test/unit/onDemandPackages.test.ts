import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { onDemandModule, onDemandPackages } from '../../tools/bundle';
import { repoRoot } from '../../tools/paths';

/** Runs `script` in a new Node process with dist/ as its folder and returns what it printed, parsed. */
function inNode<T>(script: string, from: 'stdout' | 'stderr' = 'stdout'): T {
  const run = spawnSync(process.execPath, ['-e', script], { cwd: join(repoRoot, 'dist'), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(from === 'stdout' ? run.stdout : run.stderr) as T;
}

const loadedChunks = `Object.keys(require.cache).filter((file) => ${JSON.stringify(onDemandPackages.map(({ chunk }) => join(repoRoot, chunk)))}.includes(file)).map((file) => require('path').basename(file))`;

// dist/ must be built (npm run build). The server core and the CLI share one TypeScript and one SDK, loaded when first used.
describe('packages loaded on first use (TypeScript, the Anthropic SDK)', () => {
  it('are not loaded when the server core loads, nor by a CLI command that needs neither (nova agents)', () => {
    assert.deepEqual(inNode(`require('./novaServer.js'); console.log(JSON.stringify(${loadedChunks}))`), []);
    const agents = `process.argv = [process.argv[0], 'cli.js', 'agents', '--workspace', ${JSON.stringify(join(repoRoot, 'sample'))}]; process.stdout.write = () => true;`;
    assert.deepEqual(inNode(`${agents} process.on('exit', () => console.error(JSON.stringify(${loadedChunks}))); require('./cli.js');`, 'stderr'), []);
  });

  it('load when first used: an offline review loads TypeScript and uses it, and leaves the SDK unloaded', () => {
    // The SDK's first use (a run with a key, through the real bundle) is what test/unit/cli/claudeModels.test.ts drives.
    const seen = inNode<{ findings: number; loaded: string[] }>(
      `process.argv = [process.argv[0], 'cli.js', 'review', '--workspace', ${JSON.stringify(join(repoRoot, 'sample'))}, '--format', 'json', '--fail-on', 'never'];` +
        `let out = ''; process.stdout.write = (chunk) => ((out += chunk), true);` +
        `process.on('exit', () => console.error(JSON.stringify({ findings: JSON.parse(out).findings.length, loaded: ${loadedChunks} })));` +
        `require('./cli.js');`,
      'stderr',
    );
    assert.ok(seen.findings > 0, 'the review found the sample\'s planted defects');
    assert.deepEqual(seen.loaded, ['typescript.js']);
  });

  it('leave the server core and the CLI as ASCII, which V8 keeps at one byte per character (one non-ASCII character doubles the source in memory)', () => {
    for (const bundle of ['dist/novaServer.js', 'dist/cli.js']) {
      const text = readFileSync(join(repoRoot, bundle), 'utf8');
      const at = [...Array(text.length).keys()].find((index) => text.charCodeAt(index) > 0x7f) ?? -1;
      assert.equal(at, -1, `${bundle} has a non-ASCII character: …${text.slice(Math.max(0, at - 40), at + 10)}…`);
    }
  });

  it('stand in for a package until its first use: data is there at once, a call, a new, a read or an in loads the chunk once, and each export is then its own value', () => {
    class Counter {
      constructor(readonly start: number) {}
    }
    const chunk = { Kind: { A: 1, B: 2 }, version: '1.0', twice: (n: number) => 2 * n, Counter, settings: { strict: true } };
    const loads: string[] = [];
    const fakeRequire = (name: string) => (loads.push(name), chunk);
    const { code } = transformSync(onDemandModule(chunk, './chunk.js'), { format: 'cjs' });
    const module = { exports: {} as Record<string, unknown> };
    new Function('require', 'module', 'exports', code)(fakeRequire, module, module.exports);
    const standIn = module.exports as { Kind: typeof chunk.Kind; version: string; twice: (n: number) => number; Counter: typeof Counter; settings: typeof chunk.settings };
    assert.deepEqual([standIn.Kind, standIn.version, loads], [{ A: 1, B: 2 }, '1.0', []], 'enums and constants are copied in: reading them loads nothing');
    assert.equal(typeof standIn.twice, 'function', 'a function stands in as a function');
    assert.equal('strict' in standIn.settings, true);
    assert.deepEqual(loads, ['./chunk.js'], 'the first use loads the chunk');
    assert.equal(standIn.twice(21), 42);
    assert.equal(new standIn.Counter(3).start, 3);
    assert.equal(standIn.settings.strict, true);
    assert.deepEqual(loads, ['./chunk.js'], 'once');
    assert.equal(standIn.twice, chunk.twice, 'once loaded, each export is rebound to the package\'s own value');
  });
});
