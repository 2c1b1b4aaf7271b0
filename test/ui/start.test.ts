import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../tools/paths';
import { scratchDir } from '../../tools/sample-workspace';

// `npm start` as a person uses it: it prints a URL that serves VS Code, and Ctrl-C leaves nothing behind.
describe('npm start', () => {
  let stateDir: string;
  let start: ChildProcess;
  let output = '';

  before(() => {
    stateDir = scratchDir('start');
  });
  after(() => {
    start?.kill('SIGKILL');
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('serves VS Code with Nova and the sample project at the URL it prints', async () => {
    start = spawn(process.execPath, [join(repoRoot, 'out', 'tools', 'start.js')], {
      env: { ...process.env, NOVA_PORT: '0', NOVA_START_DIR: stateDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed within 90 s:\n${output}`)), 90_000);
      start.stdout?.on('data', () => {
        const match = /Open:\s+(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      start.on('exit', (code) => reject(new Error(`npm start exited (${code}) before printing a URL:\n${output}`)));
    });
    assert.match(url, new RegExp(`folder=${encodeURIComponent(join(stateDir, 'sample'))}`));
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /vscode/i);
    const installed = readdirSync(join(stateDir, 'extensions'));
    assert.ok(installed.some((name) => name.startsWith('nova-team.nova-')), `Nova is not installed: ${installed.join(', ')}`);
  });

  it('stops everything on Ctrl-C and leaves no process behind', async () => {
    assert.ok(processesUsing(stateDir).length > 0, 'the VS Code processes were not found before Ctrl-C');
    const exited = new Promise<number | null>((resolve) => start.on('exit', (code) => resolve(code)));
    start.kill('SIGINT');
    assert.equal(await exited, 0, output);
    assert.match(output, /Nova: stopped\./);
    assert.deepEqual(processesUsing(stateDir), []);
  });
});

/** Command lines of live processes that mention `dir` (code-server, its extension host, watchers…). */
function processesUsing(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(dir) && Number(pid) !== process.pid) found.push(`${pid}: ${cmdline}`);
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
