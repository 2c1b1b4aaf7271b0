/**
 * One real VS Code session for tests, benchmarks and `npm start`: code-server provisioned and
 * started on loopback, with Nova either installed from its .vsix (as a person installs it) or loaded
 * as an extension under development (to run the extension-host test suites).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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
  /** Stops the server and deletes the scratch folders. */
  dispose(): Promise<void>;
}

export async function startVSCodeSession(options: VSCodeSessionOptions): Promise<VSCodeSession> {
  const install = await provisionCodeServer();
  const root = scratchDir('vscode');
  const workspace = createSampleWorkspace(join(root, 'sample'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(root, 'extensions');
  if ('vsix' in options.nova && !options.extensionsDir) await installExtension(install, options.nova.vsix, extensionsDir);
  const development = 'development' in options.nova;
  const server = await startCodeServer(install, {
    workspace,
    userDataDir,
    extensionsDir,
    allowDevelopmentPayload: development,
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
      rmSync(root, { recursive: true, force: true });
    },
  };
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
