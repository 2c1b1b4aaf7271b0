/**
 * One real VS Code session for tests, benchmarks and `npm start`: code-server provisioned and
 * started on loopback, with Nova either installed from its .vsix (as a person installs it) or loaded
 * as an extension under development (to run the extension-host test suites).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { installExtension, startCodeServer, type RunningCodeServer } from './code-server';
import { provisionCodeServer } from './provision';
import { repoRoot } from './paths';
import { createSampleWorkspace, scratchDir } from './sample-workspace';

export interface VSCodeSessionOptions {
  /** How Nova gets into VS Code. */
  readonly nova: { readonly vsix: string } | { readonly development: true };
  /** Environment for the server and its extension host. */
  readonly env?: Record<string, string>;
  /** Reuse an extensions folder in which Nova is already installed (benchmarks' repeated cold starts). */
  readonly extensionsDir?: string;
  /**
   * Keep the session's state (workspace, settings, extensions) in this folder across sessions, as
   * `npm start` does. Without it, everything goes in a scratch folder deleted by dispose().
   */
  readonly stateDir?: string;
  /** code-server's port; 0 (the default) picks a free one. */
  readonly port?: number;
}

export interface VSCodeSession {
  readonly server: RunningCodeServer;
  /** The scratch copy of the sample project the workbench opens. */
  readonly workspace: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** The workbench URL (with the development payload when Nova is under development). */
  workbenchUrl(extra?: readonly (readonly [string, string])[]): string;
  /** The extension host's log: one line per extension activation. */
  extensionHostLog(): string;
  /** Stops the server and deletes the scratch folders (not a stateDir). */
  dispose(): Promise<void>;
}

export async function startVSCodeSession(options: VSCodeSessionOptions): Promise<VSCodeSession> {
  const install = await provisionCodeServer();
  const root = options.stateDir ?? scratchDir('vscode');
  const workspace = join(root, 'sample');
  if (!existsSync(workspace)) createSampleWorkspace(workspace);
  const userDataDir = join(root, 'user-data');
  writeDefaultSettings(userDataDir);
  const extensionsDir = options.extensionsDir ?? join(root, 'extensions');
  if ('vsix' in options.nova && !options.extensionsDir) await installExtension(install, options.nova.vsix, extensionsDir);
  const development = 'development' in options.nova;
  const server = await startCodeServer(install, {
    workspace,
    userDataDir,
    extensionsDir,
    allowDevelopmentPayload: development,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const remote = (path: string) => `vscode-remote://${new URL(server.url).host}${path}`;
  return {
    server,
    workspace,
    userDataDir,
    extensionsDir,
    workbenchUrl(extra = []) {
      if (!development) return server.workbenchUrl(workspace);
      return server.workbenchUrl(workspace, [
        ['extensionDevelopmentPath', remote(repoRoot)],
        ['skipWelcome', 'true'],
        ...extra.map(([key, value]) => [key, key.endsWith('Path') ? remote(value) : value] as const),
      ]);
    },
    extensionHostLog() {
      return readLogs(join(userDataDir, 'logs'), /^(remote)?exthost\.log$/);
    },
    async dispose() {
      await server.stop();
      if (!options.stateDir) rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * A quiet workbench: no welcome page, no built-in AI chat panel, no update or telemetry traffic on a
 * machine without internet. Written once; a person's later changes (npm start) are kept.
 */
function writeDefaultSettings(userDataDir: string): void {
  const file = join(userDataDir, 'User', 'settings.json');
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
  };
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** Concatenates every log file under `dir` whose name matches. */
function readLogs(dir: string, name: RegExp): string {
  let text = '';
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) text += readLogs(path, name);
      else if (name.test(entry.name)) text += readFileSync(path, 'utf8');
    }
  } catch {
    // no logs yet
  }
  return text;
}
