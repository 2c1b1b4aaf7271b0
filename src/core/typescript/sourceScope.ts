/**
 * Turns the paths an agent names (files, directories, `.`) into the TypeScript sources they cover,
 * through the sandbox: directories are walked, declaration files and non-TypeScript files are left
 * out of a directory's sources, and every path that cannot be used is reported rather than dropped.
 */
import type { WorkspaceSandbox } from '../workspace/sandbox';
import { walkWorkspace } from '../workspace/walk';

/** A source file in scope: how agents name it and where it really is. */
export interface ScopeFile {
  readonly display: string;
  readonly path: string;
}

/** Sources found, and the paths that gave none (refused, missing, not TypeScript). */
export interface SourceScope {
  readonly files: readonly ScopeFile[];
  readonly problems: readonly string[];
}

const typescriptSource = /\.(?:[cm]?ts|tsx)$/i;

/** Whether a path names a TypeScript source (not a declaration file). */
export function isTypeScriptSource(name: string): boolean {
  return typescriptSource.test(name) && !/\.d\.[cm]?ts$/i.test(name);
}

/** The TypeScript sources under `paths` (default: the whole workspace), each once, in order. */
export async function resolveSourceScope(sandbox: WorkspaceSandbox, paths: readonly string[], signal: AbortSignal): Promise<SourceScope> {
  const files = new Map<string, ScopeFile>();
  const problems: string[] = [];
  for (const requested of paths.length > 0 ? paths : ['.']) {
    const resolved = await sandbox.resolve(requested);
    if (!resolved.ok) {
      problems.push(resolved.reason);
      continue;
    }
    const display = sandbox.displayPath(resolved);
    const stat = await sandbox.files.stat(resolved.path);
    if (!stat) {
      problems.push(`${display} does not exist`);
    } else if (stat.kind === 'file') {
      if (typescriptSource.test(display)) files.set(resolved.path, { display, path: resolved.path });
      else problems.push(`${display} is not a TypeScript file`);
    } else if (stat.kind === 'directory') {
      const before = files.size;
      for await (const entry of walkWorkspace(sandbox, resolved, { recursive: true, signal })) {
        if (entry.kind === 'file' && isTypeScriptSource(entry.display)) files.set(entry.path, { display: entry.display, path: entry.path });
      }
      if (files.size === before) problems.push(`${display} holds no TypeScript sources`);
    } else {
      problems.push(`${display} is not a file or directory`);
    }
  }
  if (signal.aborted) throw new Error('cancelled');
  return { files: [...files.values()], problems };
}
