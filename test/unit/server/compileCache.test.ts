/**
 * Nova's bundles load from V8's code cache (src/server/compileCache.ts). Each load here is a new
 * Node process, as each start of the server or the CLI is: the cache lives between processes.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sessionStatus } from '../../../src/protocol/session';
import { cacheDirectory } from '../../../src/server/compileCache';
import { repoRoot } from '../../../tools/paths';
import { LspServer } from '../../support/lspServer';

const compileCacheModule = join(repoRoot, 'out', 'src', 'server', 'compileCache.js');

interface Loaded {
  readonly from: string;
  readonly greeting: string;
  readonly filename: string;
}

/** Loads `file` with `requireCompiled` in a new Node process and says how it came and what it exported. */
function loadInNode(file: string, env: NodeJS.ProcessEnv, nodeFlags: readonly string[] = []): Loaded {
  const script = `const { requireCompiled, howLoaded } = require(${JSON.stringify(compileCacheModule)});` +
    `const chunk = requireCompiled(${JSON.stringify(file)});` +
    `console.log(JSON.stringify({ from: howLoaded(${JSON.stringify(file)}), greeting: chunk.greet('Nova'), filename: chunk.filename }));`;
  const run = spawnSync(process.execPath, [...nodeFlags, '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Loaded;
}

describe('the code cache Nova loads its bundles with', () => {
  let scratch: string;
  let chunk: string;
  let caches: string;
  const env = () => ({ NOVA_COMPILE_CACHE: caches });
  const cacheFiles = () => readdirSync(caches).sort();

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'nova-compile-cache-'));
    caches = join(scratch, 'caches', 'compile');
    chunk = join(scratch, 'chunk.js');
    // A chunk as the bundles are: CommonJS, requiring a built-in and a file beside it, reading its own name.
    writeFileSync(join(scratch, 'helper.js'), 'exports.hello = (name) => `hello, ${name}`;\n');
    writeFileSync(chunk, `const path = require('node:path');\nconst { hello } = require('./helper');\nexports.greet = (name) => hello(name);\nexports.filename = path.basename(__filename) + ' in ' + path.basename(__dirname);\n`);
  });

  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('compiles a file the first time and writes its cache, private to the person; the next process loads it from that cache, with the same exports', () => {
    const first = loadInNode(chunk, env());
    assert.deepEqual(first, { from: 'compiled', greeting: 'hello, Nova', filename: `chunk.js in ${basename(scratch)}` });
    const [cache, ...others] = cacheFiles();
    assert.deepEqual(others, []);
    assert.match(cache ?? '', /^chunk\.js\.[0-9a-f]{16}\.[0-9a-f]{8}\.bin$/);
    assert.equal(statSync(caches).mode & 0o777, 0o700, 'the directory is the person\'s alone');
    assert.equal(statSync(join(caches, cache ?? '')).mode & 0o777, 0o600);
    const written = statSync(join(caches, cache ?? '')).mtimeMs;

    assert.deepEqual(loadInNode(chunk, env()), { ...first, from: 'cache' });
    assert.equal(statSync(join(caches, cache ?? '')).mtimeMs, written, 'a cache that V8 accepted is not written again');
  });

  it('compiles the file when its cache is corrupt, as V8 rejects it, and writes a good one', () => {
    loadInNode(chunk, env());
    const cache = join(caches, cacheFiles()[0] ?? '');
    const bytes = readFileSync(cache);
    bytes.fill(0x5a, 0, 64);
    writeFileSync(cache, bytes);
    assert.equal(loadInNode(chunk, env()).from, 'compiled');
    assert.equal(loadInNode(chunk, env()).from, 'cache');
  });

  it('gives an edited file a new cache and removes the older version\'s, even one of the same length (V8 checks only the length)', () => {
    loadInNode(chunk, env());
    const before = cacheFiles();
    writeFileSync(chunk, readFileSync(chunk, 'utf8').replace('hello(name)', 'hello(NAME)').replace('(name) =>', '(NAME) =>'));
    const edited = loadInNode(chunk, env());
    assert.deepEqual([edited.from, edited.greeting], ['compiled', 'hello, Nova']);
    const after = cacheFiles();
    assert.equal(after.length, 1);
    assert.notDeepEqual(after, before);
  });

  it('removes, when it writes a cache, the caches no runtime has written for a month and abandoned temporary files, and nothing else', () => {
    mkdirSync(caches, { recursive: true });
    const day = 24 * 60 * 60 * 1000;
    const planted = {
      'typescript.js.00112233445566aa.0badcafe.bin': 31 * day, // a runtime no longer installed
      'typescript.js.00112233445566aa.0badbeef.bin': 29 * day, // a runtime still about
      'chunk.js.00112233445566aa.0badcafe.bin.4242.tmp': 2 * day, // a write that never finished
      'chunk.js.00112233445566aa.0badbeef.bin.4343.tmp': 0, // a write going on now
      'notes.txt': 365 * day, // not a cache: not Nova's to remove
    };
    for (const [name, age] of Object.entries(planted)) {
      writeFileSync(join(caches, name), 'x');
      const when = new Date(Date.now() - age);
      utimesSync(join(caches, name), when, when);
    }
    assert.equal(loadInNode(chunk, env()).from, 'compiled');
    const left = cacheFiles().filter((name) => !name.startsWith('chunk.js.') || name.endsWith('.tmp'));
    assert.deepEqual(left, ['chunk.js.00112233445566aa.0badbeef.bin.4343.tmp', 'notes.txt', 'typescript.js.00112233445566aa.0badbeef.bin']);
    assert.equal(cacheFiles().filter((name) => /^chunk\.js\.[0-9a-f]{16}\.[0-9a-f]{8}\.bin$/.test(name)).length, 1, 'the cache just written');
  });

  it('is plain require when turned off, when source maps are on (Node maps stack traces only of files it loads), and when no cache directory can be made', () => {
    assert.equal(loadInNode(chunk, { NOVA_COMPILE_CACHE: 'off' }).from, 'require');
    assert.equal(loadInNode(chunk, env(), ['--enable-source-maps']).from, 'require');
    writeFileSync(join(scratch, 'caches'), 'a file where the directory should be');
    const unwritable = loadInNode(chunk, env());
    assert.deepEqual([unwritable.from, unwritable.greeting], ['compiled', 'hello, Nova'], 'the file loads; only its cache is missing');
  });

  it('keeps its caches in the platform\'s per-user cache directory unless NOVA_COMPILE_CACHE names one', () => {
    assert.equal(cacheDirectory({}, 'linux', '/home/ada'), '/home/ada/.cache/nova/compile');
    assert.equal(cacheDirectory({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/ada'), '/xdg/nova/compile');
    assert.equal(cacheDirectory({}, 'darwin', '/Users/ada'), '/Users/ada/Library/Caches/nova/compile');
    assert.equal(cacheDirectory({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', 'C:\\Users\\ada'), join('C:\\Users\\ada\\AppData\\Local', 'nova', 'Cache', 'compile'));
    assert.equal(cacheDirectory({ NOVA_COMPILE_CACHE: '/somewhere' }, 'linux', '/home/ada'), '/somewhere');
    assert.equal(cacheDirectory({ NOVA_COMPILE_CACHE: 'off' }, 'linux', '/home/ada'), undefined);
  });

  // dist/ must be built (npm run build).
  it('is how the language server loads its core: the first start writes the core\'s cache, the next start reads it and answers the same', async function () {
    this.timeout(60_000);
    const status = async () => {
      const { server } = await LspServer.start({ transport: 'stdio', folders: [scratch], env: env() });
      try {
        const { pid: _pid, startedAt: _startedAt, ...answer } = await server.request(sessionStatus, {});
        return answer;
      } finally {
        await server.stop();
      }
    };
    const first = await status();
    const [core, ...others] = cacheFiles();
    assert.match(core ?? '', /^novaServer\.js\./);
    assert.deepEqual(others, [], 'nothing but the core is loaded before a review');
    const written = statSync(join(caches, core ?? '')).mtimeMs;
    assert.deepEqual(await status(), first);
    assert.equal(statSync(join(caches, core ?? '')).mtimeMs, written, 'the second start read the cache the first wrote');
  });
});
