/**
 * Starts and stops a real VS Code (code-server) on loopback. The server and everything it spawns
 * (extension host, pty host, file watcher) live in one process group, so stopping it leaves nothing
 * behind — also when the tool that started it exits unexpectedly.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CodeServerInstall } from './provision';

export interface CodeServerOptions {
  /** The folder the workbench opens. */
  readonly workspace: string;
  /** Per-run state: settings, logs, storage. */
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Extra environment for the server and so for its extension host. */
  readonly env?: Record<string, string>;
  /**
   * Lets the workbench URL's `payload` load an extension under development and run its tests.
   * code-server's built product honours it only with this option.
   */
  readonly allowDevelopmentPayload?: boolean;
}

/** A running code-server. */
export interface RunningCodeServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves when the server process has exited. */
  readonly exited: Promise<void>;
  /** The workbench URL for a folder, with an optional development payload. */
  workbenchUrl(folder: string, payload?: readonly (readonly [string, string])[]): string;
  /** Stops the server and every process it started. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) killGroup(child.pid, 'SIGKILL');
});

/** Signals every process in the group; signal 0 only asks whether any is left. */
function killGroup(pid: number | undefined, signal: NodeJS.Signals | 0): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: no process left in the group
  }
}

function groupAlive(pid: number): boolean {
  return killGroup(pid, 0);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts code-server and resolves once it listens. */
export async function startCodeServer(install: CodeServerInstall, options: CodeServerOptions): Promise<RunningCodeServer> {
  mkdirSync(options.userDataDir, { recursive: true });
  mkdirSync(options.extensionsDir, { recursive: true });
  const logFile = join(options.userDataDir, 'code-server.log');
  const log = createWriteStream(logFile);
  const args = [
    install.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    ...(options.allowDevelopmentPayload ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    options.workspace,
  ];
  const child = spawn(install.node, args, {
    detached: true, // its own process group, so stop() reaches every descendant
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Nova: could not start code-server (${install.node})`);
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    let listening = false;
    const timer = setTimeout(() => fail(new Error('code-server did not start listening within 60 s')), 60_000);
    const fail = (error: Error) => {
      if (listening) return; // a later exit is stop()'s business, not a failure to start
      clearTimeout(timer);
      reject(new Error(`Nova: ${error.message}; log: ${logFile}\n${tail(logFile)}`));
    };
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      seen += chunk.toString();
      const match = /HTTP server listening on (http:\/\/[^\s/]+)/.exec(seen);
      if (match?.[1] && !listening) {
        listening = true;
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code, signal) => fail(new Error(`code-server exited before listening (${signal ?? `exit ${code}`})`)));
    child.on('error', (error) => fail(error));
  });

  return {
    url,
    pid,
    logFile,
    exited,
    workbenchUrl(folder, payload) {
      const query = new URLSearchParams({ folder });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${url}/?${query.toString()}`;
    },
    async stop() {
      killGroup(pid, 'SIGTERM');
      for (let waited = 0; waited < 5_000 && groupAlive(pid); waited += 100) await delay(100);
      if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
      for (let waited = 0; waited < 5_000 && groupAlive(pid); waited += 100) await delay(100);
      await exited;
      running.delete(child);
      log.end();
    },
  };
}

/** Installs a .vsix into an extensions folder, as a person would with `--install-extension`. */
export async function installExtension(install: CodeServerInstall, vsix: string, extensionsDir: string): Promise<void> {
  mkdirSync(extensionsDir, { recursive: true });
  await promisify(execFile)(install.node, [install.entry, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    timeout: 120_000,
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
