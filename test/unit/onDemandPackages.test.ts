import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build, transformSync, type Plugin } from 'esbuild';
import { bundleLogOverride, onDemandModule, onDemandPackages } from '../../tools/bundle';
import { everyExport, usedExports } from '../../tools/usedExports';
import { repoRoot } from '../../tools/paths';

/**
 * Runs `script` in a new Node process with dist/ as its folder and returns what it printed, parsed.
 * Its code caches go to a new folder, `caches` in the script: a chunk loaded is a chunk cached there.
 */
function inNode<T>(script: (caches: string) => string, from: 'stdout' | 'stderr' = 'stdout'): T {
  const caches = mkdtempSync(join(tmpdir(), 'nova-on-demand-'));
  try {
    const run = spawnSync(process.execPath, ['-e', script(caches)], { cwd: join(repoRoot, 'dist'), encoding: 'utf8', env: { ...process.env, NOVA_COMPILE_CACHE: caches } });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(from === 'stdout' ? run.stdout : run.stderr) as T;
  } finally {
    rmSync(caches, { recursive: true, force: true });
  }
}

/** An expression: the chunks whose code cache the process wrote, so the chunks it loaded (each from src/server/compileCache.ts). */
const loadedChunks = (caches: string) => `require('fs').readdirSync(${JSON.stringify(caches)}).map((file) => file.split('.js.')[0] + '.js').filter((file) => ${JSON.stringify(onDemandPackages.map(({ chunk }) => basename(chunk)))}.includes(file))`;

// dist/ must be built (npm run build). The server core and the CLI share one TypeScript and one SDK, loaded when first used.
describe('packages loaded on first use (TypeScript, the Anthropic SDK)', () => {
  it('are not loaded when the server core loads, nor by a CLI command that needs neither (nova agents)', () => {
    assert.deepEqual(inNode((caches) => `require('./novaServer.js'); console.log(JSON.stringify(${loadedChunks(caches)}))`), []);
    const agents = `process.argv = [process.argv[0], 'cli.js', 'agents', '--workspace', ${JSON.stringify(join(repoRoot, 'sample'))}]; process.stdout.write = () => true;`;
    assert.deepEqual(inNode((caches) => `${agents} process.on('exit', () => console.error(JSON.stringify(${loadedChunks(caches)}))); require('./cli.js');`, 'stderr'), []);
  });

  it('load when first used: an offline review loads TypeScript and uses it, and leaves the SDK unloaded', () => {
    // The SDK's first use (a run with a key, through the real bundle) is what test/unit/cli/claudeModels.test.ts drives.
    const seen = inNode<{ findings: number; loaded: string[] }>(
      (caches) =>
        `process.argv = [process.argv[0], 'cli.js', 'review', '--workspace', ${JSON.stringify(join(repoRoot, 'sample'))}, '--format', 'json', '--fail-on', 'never'];` +
        `let out = ''; process.stdout.write = (chunk) => ((out += chunk), true);` +
        `process.on('exit', () => console.error(JSON.stringify({ findings: JSON.parse(out).findings.length, loaded: ${loadedChunks(caches)} })));` +
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
    // The stand-ins load their chunk with requireCompiled (src/server/compileCache.ts), from the bundle's folder.
    const compileCache = { requireCompiled: (file: string) => (loads.push(file), chunk) };
    const fakeRequire = (name: string): unknown => (name === 'node:path' ? { join } : name.endsWith(join('src', 'server', 'compileCache')) ? compileCache : assert.fail(`required ${name}`));
    const { code } = transformSync(onDemandModule(chunk, './chunk.js'), { format: 'cjs' });
    const module = { exports: {} as Record<string, unknown> };
    new Function('require', 'module', 'exports', '__dirname', code)(fakeRequire, module, module.exports, '/dist');
    const standIn = module.exports as { Kind: typeof chunk.Kind; version: string; twice: (n: number) => number; Counter: typeof Counter; settings: typeof chunk.settings };
    assert.deepEqual([standIn.Kind, standIn.version, loads], [{ A: 1, B: 2 }, '1.0', []], 'enums and constants are copied in: reading them loads nothing');
    assert.equal(typeof standIn.twice, 'function', 'a function stands in as a function');
    assert.equal('strict' in standIn.settings, true);
    assert.deepEqual(loads, [join('/dist', 'chunk.js')], 'the first use loads the chunk, beside the bundle');
    assert.equal(standIn.twice(21), 42);
    assert.equal(new standIn.Counter(3).start, 3);
    assert.equal(standIn.settings.strict, true);
    assert.deepEqual(loads, [join('/dist', 'chunk.js')], 'once');
    assert.equal(standIn.twice, chunk.twice, 'once loaded, each export is rebound to the package\'s own value');
  });
});

describe('the exports a stand-in module stands in for (tools/usedExports.ts)', () => {
  let folder: string;
  const write = (name: string, text: string) => writeFileSync(join(folder, name), text);

  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'nova-used-exports-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('are the names imported by name and the properties read from a namespace import, not types, not type-only imports', () => {
    write('a.ts', `import * as ts from 'typescript';\nexport const isName = (node: ts.Node) => ts.isIdentifier(node) && node.kind === ts.SyntaxKind.Identifier;\ntype Checker = typeof ts.createProgram;\nconst options = { ts: 1 };\n`);
    write('b.ts', `import { createProgram as create, type Program } from 'typescript';\nimport type { Node } from 'typescript';\nimport Default from 'typescript';\nexport { create, Default };\n`);
    write('c.ts', `import * as other from 'other-package';\nother.isIdentifier();\n`);
    assert.deepEqual([...(usedExports('typescript', folder) as Set<string>)].sort(), ['SyntaxKind', 'createProgram', 'default', 'isIdentifier']);
  });

  it('are every export when a file uses the namespace as a value', () => {
    write('a.ts', `import * as ts from 'typescript';\nexport const api = ts;\n`);
    assert.equal(usedExports('typescript', folder), everyExport);
  });

  it('fail the build when code reads an export the stand-in module does not have, instead of reading undefined at run time', async () => {
    write('entry.ts', `import * as ts from 'typescript';\nconsole.log(ts.isIdentifier, ts.createProgram);\n`);
    const standIns = onDemandModule({ isIdentifier: () => true, createProgram: () => undefined }, './typescript.js', new Set(['isIdentifier']));
    const plugin: Plugin = {
      name: 'stand-ins',
      setup(builder) {
        builder.onResolve({ filter: /^typescript$/ }, () => ({ path: 'typescript', namespace: 'stand-ins' }));
        builder.onResolve({ filter: /compileCache$|^node:/ }, (args) => ({ path: args.path, external: true }));
        builder.onLoad({ filter: /.*/, namespace: 'stand-ins' }, () => ({ contents: standIns, loader: 'js' }));
      },
    };
    await assert.rejects(
      build({ entryPoints: [join(folder, 'entry.ts')], bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'silent', plugins: [plugin], logOverride: bundleLogOverride }),
      /Import "createProgram" will always be undefined/,
    );
  });
});
