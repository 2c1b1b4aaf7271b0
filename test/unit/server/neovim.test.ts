/**
 * A real LSP client nobody here wrote: Neovim (Debian's 0.7), headless, configured with the Lua
 * block the README gives people — read out of README.md, so the README cannot drift from what is
 * tested. It must get Nova's diagnostics on a TypeScript file, offer Nova's code action, and
 * executing it must store a proposal while the file stays byte-identical; the server tells it so
 * with `window/showMessage`, never with a `window/showMessageRequest`, which would hang Neovim 0.7
 * in a prompt (the run is bounded, and a prompt is named when it happens).
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../../tools/paths';
import { sampleCopy } from './sampleServer';

/** How long Neovim may take for the whole scripted session before it counts as hung. */
const sessionTimeoutMs = 60_000;

/** The Lua block of the README's "Neovim and other editors" section. */
async function readmeNeovimConfig(): Promise<string> {
  const readme = await fs.readFile(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split(/^### /m).find((part) => part.startsWith('Neovim'));
  const block = section && /```lua\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'README.md has a "### Neovim …" section with a ```lua block');
  return block;
}

/** What a headless Neovim session did. */
interface Session {
  readonly code: number | null;
  readonly result: unknown;
  readonly logs: string;
}

/**
 * Runs `nvim --headless` in `cwd` with `init` as its whole configuration, on `file` if given;
 * `NOVA_RESULT` names the JSON file the Lua side writes. Private XDG folders keep the person's own
 * Neovim setup out and give the test Neovim's LSP log to show when something fails.
 */
async function neovim(init: string, cwd: string, args: readonly string[]): Promise<Session> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'nova-nvim-'));
  const initPath = path.join(home, 'init.lua');
  const resultPath = path.join(home, 'result.json');
  await fs.writeFile(initPath, init);
  const env = {
    ...process.env,
    // The README's `cmd` says `node`: the Node running the tests is the one on PATH.
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
    NOVA_RESULT: resultPath,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
  };
  const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', initPath, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // The Lua side notes a window/showMessageRequest on disk before Neovim opens its prompt: a prompt
  // blocks a headless Neovim for good, so the session is ended (and failed) as soon as one appears.
  const prompted = `${resultPath}.blocking`;
  const code = await new Promise<number | null | 'hung' | 'prompted'>((resolve) => {
    const end = (why: 'hung' | 'prompted') => {
      clearTimeout(timer);
      clearInterval(watch);
      child.kill('SIGKILL');
      resolve(why);
    };
    const timer = setTimeout(() => end('hung'), sessionTimeoutMs);
    const watch = setInterval(() => void fs.access(prompted).then(() => end('prompted'), () => undefined), 200);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      clearInterval(watch);
      resolve(exitCode);
    });
  });
  const read = (file: string) => fs.readFile(file, 'utf8').catch(() => '');
  const logs = `Neovim's output:\n${output}\nNeovim's LSP log (the server's stderr is there):\n${(await read(path.join(home, 'cache', 'nvim', 'lsp.log'))) || (await read(path.join(home, 'state', 'nvim', 'lsp.log')))}`;
  if (code === 'hung' || code === 'prompted') {
    const prompts = ((JSON.parse((await read(prompted)) || '{}') as { blocking?: string[] }).blocking ?? []).join(' | ');
    await fs.rm(home, { recursive: true, force: true });
    if (code === 'prompted') assert.fail(`The server sent window/showMessageRequest ("${prompts}"), which Neovim 0.7 answers with a prompt that blocks it; other clients must be told with window/showMessage.\n${logs}`);
    assert.fail(`Neovim did not finish within ${sessionTimeoutMs} ms.\n${logs}`);
  }
  const text = await read(resultPath);
  await fs.rm(home, { recursive: true, force: true });
  assert.ok(text, `Neovim wrote no result (exit code ${code}).\n${logs}`);
  return { code, result: JSON.parse(text) as unknown, logs };
}

describe('Nova server: Neovim with the README’s configuration', function () {
  this.timeout(sessionTimeoutMs + 30_000);
  let config: string;

  before(async function () {
    if (spawnSync('nvim', ['--version'], { stdio: 'ignore' }).error) {
      console.warn('      skipped: nvim is not on PATH (sudo apt-get install -y neovim; .ci/run installs it)');
      this.skip();
    }
    config = (await readmeNeovimConfig()).replaceAll('/path/to/nova', repoRoot);
    assert.ok(config.includes(path.join(repoRoot, 'dist', 'server.js')), 'the README’s cmd names /path/to/nova/dist/server.js');
  });

  it('gets Nova’s diagnostics and code action, and executing it stores a proposal with the file byte-identical', async () => {
    const { folder, cleanup } = await sampleCopy();
    try {
      const file = path.join(folder, 'src', 'report.ts');
      const before = await fs.readFile(file);
      const person = await fs.readFile(path.join(repoRoot, 'test', 'support', 'neovim', 'person.lua'), 'utf8');
      const session = await neovim(`${config}\n${person}`, folder, [path.join('src', 'report.ts'), '-c', 'lua NOVA_TEST_RUN()']);
      const seen = session.result as { error?: string; diagnostics: { source: string; code: string; lnum: number }[]; actions: string[]; messages: string[]; blocking: string[] };
      const context = `\nseen: ${JSON.stringify(seen, null, 1)}\n${session.logs}`;

      assert.equal(seen.error, undefined, `the scripted session failed${context}`);
      assert.equal(session.code, 0, `Neovim exit code${context}`);
      assert.ok(
        seen.diagnostics.some((d) => d.source === 'Nova' && d.code === 'ts-6133' && d.lnum === 1),
        `Neovim lists Nova's unused-import finding on line 2${context}`,
      );
      assert.ok(
        seen.actions.some((title) => /^Nova: propose “.*slugify.*”$/.test(title)),
        `vim.lsp.buf.code_action() offers Nova's fix${context}`,
      );
      assert.deepEqual(seen.blocking, [], `no window/showMessageRequest reached Neovim${context}`);
      assert.ok(
        seen.messages.some((message) => /^Nova stored a proposal: .*Nothing was changed/.test(message)),
        `told with window/showMessage${context}`,
      );

      const stored = await fs.readdir(path.join(folder, '.nova', 'proposals'));
      assert.equal(stored.length, 1, `one proposal stored: ${stored.join(', ')}`);
      const proposal = JSON.parse(await fs.readFile(path.join(folder, '.nova', 'proposals', stored[0]!), 'utf8')) as {
        source: { rule: string; path: string };
        files: { hunks: { before: string; after: string; status: string }[] }[];
      };
      assert.deepEqual([proposal.source.rule, proposal.source.path], ['ts-6133', 'src/report.ts']);
      const hunk = proposal.files[0]?.hunks[0];
      assert.equal(hunk?.status, 'pending');
      assert.match(hunk?.before ?? '', /slugify/);
      assert.doesNotMatch(hunk?.after ?? 'slugify', /slugify/);
      assert.ok((await fs.readFile(file)).equals(before), 'src/report.ts is byte-identical');
    } finally {
      await cleanup();
    }
  });

  it('takes the vim.lsp.config/vim.lsp.enable branch on 0.11 with the documented arguments (stubbed: no 0.11 here)', async () => {
    const { folder, cleanup } = await sampleCopy();
    try {
      const stubs = await fs.readFile(path.join(repoRoot, 'test', 'support', 'neovim', 'v011-stubs.lua'), 'utf8');
      const session = await neovim(`${stubs}\n${config}`, folder, []);
      const recorded = session.result as { config: Record<string, { cmd: string[]; filetypes: string[]; root_markers: string[] }>; enabled: string[] };
      assert.equal(session.code, 0, session.logs);
      assert.deepEqual(recorded.enabled, ['nova']);
      assert.deepEqual(recorded.config.nova, {
        cmd: ['node', path.join(repoRoot, 'dist', 'server.js'), '--stdio'],
        filetypes: ['typescript', 'typescriptreact'],
        root_markers: ['tsconfig.json', 'package.json'],
      });
    } finally {
      await cleanup();
    }
  });
});
