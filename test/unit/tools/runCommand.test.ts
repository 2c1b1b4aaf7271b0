import * as assert from 'node:assert/strict';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CommandApproval } from '../../../src/core/tools/commandApproval';
import { allowedFolders, normalizeCommand, type AllowlistEntry, type CommandPolicy } from '../../../src/core/tools/commandPolicy';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { makeWorkspace, type TempWorkspace } from './workspace';

describe('the command allowlist', () => {
  const policy = { allowlist: ['npm test', 'node  -e "console.log(42)"'] };
  const isAllowed = (p: Pick<CommandPolicy, 'allowlist'>, command: string) => allowedFolders(p, command).length > 0;

  it('matches exactly, after trimming and collapsing spaces', () => {
    assert.equal(isAllowed(policy, 'npm test'), true);
    assert.equal(isAllowed(policy, '  npm \t test '), true);
    assert.equal(isAllowed(policy, 'node -e "console.log(42)"'), true);
  });

  it('never matches by prefix or across line breaks', () => {
    assert.equal(isAllowed(policy, 'npm test && echo x'), false);
    assert.equal(isAllowed(policy, 'npm test; rm -rf /'), false);
    assert.equal(isAllowed(policy, 'npm testx'), false);
    assert.equal(isAllowed(policy, 'npm\ntest'), false);
    assert.equal(isAllowed({ allowlist: ['echo a b'] }, 'echo a\nb'), false);
    assert.equal(isAllowed(policy, ''), false);
    assert.equal(normalizeCommand(' a \t b\nc '), 'a b\nc');
  });

  it('says where each matching entry lets it run: a plain string means a workspace folder root', () => {
    const entries = { allowlist: ['npm test', { command: 'npm  test', cwd: 'packages/api' }, { command: 'make' }] };
    assert.deepEqual(allowedFolders(entries, 'npm test'), ['.', 'packages/api']);
    assert.deepEqual(allowedFolders(entries, 'make'), ['.']);
    assert.deepEqual(allowedFolders(entries, 'make all'), []);
  });
});

describe('run_command', () => {
  let w: TempWorkspace;
  const tools = createWorkspaceTools();
  beforeEach(async () => (w = await makeWorkspace()));
  afterEach(() => w.dispose());

  const run = (input: unknown, commands: CommandPolicy, signal?: AbortSignal) =>
    tools.invoke('run_command', input, signal ? w.context({ commands, signal }) : w.context({ commands }));
  const writesMarker = `node -e "require('fs').writeFileSync('made-by-agent', 'x')"`;

  /** A zombie counts as stopped: in a container whose init does not reap orphans, killed ones linger as zombies. */
  function isRunning(pid: number): boolean {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  }

  async function pidFrom(file: string): Promise<number> {
    for (let i = 0; i < 200; i++) {
      const text = await fs.readFile(file, 'utf8').catch(() => '');
      if (text !== '') return Number(text);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`${file} was never written`);
  }

  it('runs an allowlisted command and reports its output and exit code', async () => {
    const command = 'node -e "console.log(42)"';
    const outcome = await run({ command }, { allowlist: [command] });
    assert.equal(outcome.status, 'ok');
    assert.match(outcome.output, /^\$ node -e "console\.log\(42\)"$/m);
    assert.match(outcome.output, /^Exit code: 0$/m);
    assert.match(outcome.output, /^42$/m);
  });

  it('refuses a command that is neither allowlisted nor approved, without running it', async () => {
    const outcome = await run({ command: writesMarker }, { allowlist: ['npm test'] });
    assert.equal(outcome.status, 'refused');
    assert.match(outcome.output, /not on the allowlist and not approved/);
    const declined = await run({ command: writesMarker }, { allowlist: [], approve: () => Promise.resolve({ answer: 'deny' as const }) });
    assert.equal(declined.status, 'refused');
    assert.equal(existsSync(path.join(w.ws, 'made-by-agent')), false);
  });

  it('does not let a chained command ride on an allowlisted one', async () => {
    const outcome = await run({ command: `node -e "0" && ${writesMarker}` }, { allowlist: ['node -e "0"'] });
    assert.equal(outcome.status, 'refused');
    assert.equal(existsSync(path.join(w.ws, 'made-by-agent')), false);
  });

  it('runs a command the person approves, asking with the exact command and the working directory', async () => {
    await fs.mkdir(path.join(w.ws, 'pkg'));
    const asked: CommandApproval[] = [];
    const approve = (request: CommandApproval) => (asked.push(request), Promise.resolve({ answer: 'run' as const }));
    const outcome = await run({ command: writesMarker, cwd: 'pkg' }, { allowlist: [], approve });
    assert.equal(outcome.status, 'ok', outcome.output);
    assert.match(outcome.output, /^Working directory: pkg$/m);
    assert.deepEqual(asked, [
      { agent: 'tester', command: writesMarker, visibleCommand: writesMarker, hidden: [], cwd: 'pkg', folder: 'ws', allowlistedElsewhere: false, allowlistEntry: { command: writesMarker, cwd: 'pkg' } },
    ]);
    assert.equal(existsSync(path.join(w.ws, 'pkg', 'made-by-agent')), true);
  });

  it('"always" runs the command and remembers it for its folder: the next identical call does not ask', async () => {
    await fs.mkdir(path.join(w.ws, 'pkg'));
    const allowlist: AllowlistEntry[] = [];
    let asked = 0;
    const policy: CommandPolicy = {
      allowlist,
      approve: () => ((asked += 1), Promise.resolve({ answer: 'always' as const })),
      remember: (entry) => allowlist.push(entry),
    };
    assert.equal((await run({ command: writesMarker, cwd: 'pkg' }, policy)).status, 'ok');
    assert.deepEqual(allowlist, [{ command: writesMarker, cwd: 'pkg' }]);
    assert.equal((await run({ command: writesMarker, cwd: 'pkg' }, policy)).status, 'ok');
    assert.equal(asked, 1, 'asked only the first time');
    // Elsewhere it is still the person's call.
    assert.equal((await run({ command: writesMarker }, policy)).status, 'ok');
    assert.equal(asked, 2);
  });

  it('"always" for a command that had to be made visible runs it once and remembers nothing', async () => {
    const remembered: unknown[] = [];
    const padded = `${writesMarker}${' '.repeat(40)}`;
    const policy: CommandPolicy = { allowlist: [], approve: () => Promise.resolve({ answer: 'always' as const }), remember: (entry) => remembered.push(entry) };
    assert.equal((await run({ command: `node${' '.repeat(5)}-e "0"` }, policy)).status, 'ok');
    assert.equal((await run({ command: padded.replace('node', 'node\t') }, policy)).status, 'ok');
    assert.deepEqual(remembered, []);
  });

  it('reports a non-zero exit as an error with the code and the output', async () => {
    const command = 'node -e "console.error(\'bad things\'); process.exit(3)"';
    const outcome = await run({ command }, { allowlist: [command] });
    assert.equal(outcome.status, 'error');
    assert.match(outcome.output, /^Exit code: 3$/m);
    assert.match(outcome.output, /^bad things$/m);
  });

  it('kills the command quickly when the run is cancelled', async () => {
    const command = `node -e "require('fs').writeFileSync('pid', String(process.pid)); setTimeout(() => {}, 60000)"`;
    const controller = new AbortController();
    const started = Date.now();
    const pending = run({ command }, { allowlist: [command] }, controller.signal);
    const pid = await pidFrom(path.join(w.ws, 'pid'));
    controller.abort();
    assert.deepEqual(await pending, { status: 'error', output: 'cancelled' });
    assert.ok(Date.now() - started < 10_000, 'cancelling took too long');
    assert.equal(isRunning(pid), false, 'the command is still running');
  });

  it('stops a command at its time limit', async () => {
    const command = 'node -e "setTimeout(() => {}, 60000)"';
    const started = Date.now();
    const outcome = await run({ command }, { allowlist: [command], timeoutMs: 300 });
    assert.equal(outcome.status, 'error');
    assert.match(outcome.output, /Timed out after 300 ms/);
    assert.ok(Date.now() - started < 10_000);
  });

  it('leaves nothing running that the command started in the background', async () => {
    const background = `node -e "require('fs').writeFileSync('pid', String(process.pid)); setTimeout(() => {}, 60000)"`;
    const command = `${background} & node -e "setTimeout(() => console.log('started'), 1000)"`;
    const outcome = await run({ command }, { allowlist: [command] });
    assert.equal(outcome.status, 'ok', outcome.output);
    const pid = await pidFrom(path.join(w.ws, 'pid'));
    for (let i = 0; i < 100 && isRunning(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(isRunning(pid), false);
  });

  it('keeps the tail of long output and says so', async () => {
    const command = `node -e "for (let i = 0; i < 5000; i++) console.log('line ' + i)"`;
    const outcome = await run({ command }, { allowlist: [command] });
    assert.match(outcome.output, /Output \(the last 20000 of \d+ characters of stdout and stderr/);
    assert.match(outcome.output, /^line 4999$/m);
    assert.doesNotMatch(outcome.output, /^line 0$/m);
  });

  it('refuses a working directory outside the workspace', async () => {
    const outcome = await run({ command: writesMarker, cwd: '../outside' }, { allowlist: [writesMarker] });
    assert.equal(outcome.status, 'refused');
    assert.match(outcome.output, /outside the workspace/);
    assert.equal(existsSync(path.join(w.root, 'outside', 'made-by-agent')), false);
  });

  it('never hands the Anthropic API key to a command', async () => {
    const saved = process.env['ANTHROPIC_API_KEY'];
    process.env['ANTHROPIC_API_KEY'] = 'sk-ant-test-secret';
    try {
      const command = `node -e "console.log(process.env.ANTHROPIC_API_KEY ?? 'no key')"`;
      const outcome = await run({ command }, { allowlist: [command] });
      assert.match(outcome.output, /^no key$/m);
      assert.doesNotMatch(outcome.output, /sk-ant-test-secret/);
    } finally {
      if (saved === undefined) delete process.env['ANTHROPIC_API_KEY'];
      else process.env['ANTHROPIC_API_KEY'] = saved;
    }
  });
});
