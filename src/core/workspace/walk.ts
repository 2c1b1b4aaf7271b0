/**
 * Walks a workspace directory for list_files and search_text. Symbolic links are followed only
 * while their real path stays inside the workspace, and each real directory is entered once, so a
 * link can neither lead out of the workspace nor into a loop.
 */
import * as path from 'node:path';
import type { WorkspaceLocation, WorkspaceSandbox } from './sandbox';

/** Directories never listed or searched: version-control internals and installed dependencies. */
export const skippedDirectories: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/** What the walk met. `outside`: a link out of the workspace; `broken`: a link to nothing. */
export type WalkKind = 'file' | 'directory' | 'other' | 'outside' | 'broken' | 'unreadable' | 'skipped';

/** One entry met while walking. */
export interface WalkEntry {
  readonly kind: WalkKind;
  /** The path as a model should pass it back to a tool (through any links inside the workspace). */
  readonly display: string;
  /** Real absolute path, for `file` and `directory` entries. */
  readonly path: string;
  /** Whether the entry is a symbolic link (to a place inside the workspace). */
  readonly viaLink: boolean;
}

/** Options of a walk. */
export interface WalkOptions {
  readonly recursive: boolean;
  readonly signal: AbortSignal;
}

/**
 * Entries under `root` (a directory already resolved by the sandbox), depth first, each directory's
 * entries sorted by name. Stops quietly when the signal aborts; callers check it.
 */
export async function* walkWorkspace(
  sandbox: WorkspaceSandbox,
  root: WorkspaceLocation & { readonly path: string },
  options: WalkOptions,
): AsyncGenerator<WalkEntry> {
  const visited = new Set<string>([root.path]);
  const base = root.relative === '.' ? '' : root.relative;

  async function* visit(directory: string, relative: string): AsyncGenerator<WalkEntry> {
    // Listed only while the opened directory is still inside the workspace (a swap is refused).
    const entries = await sandbox.listDirectory(directory);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (options.signal.aborted) return;
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const display = sandbox.displayPath({ folder: root.folder, relative: childRelative });
      const location = path.join(directory, entry.name);
      if (skippedDirectories.has(entry.name) && entry.kind !== 'file') {
        yield { kind: 'skipped', display, path: location, viaLink: false };
        continue;
      }
      let real = location;
      let kind = entry.kind;
      if (entry.kind === 'symlink') {
        const target = await sandbox.files.realPath(location).catch(() => undefined);
        if (target === undefined) {
          yield { kind: 'broken', display, path: location, viaLink: true };
          continue;
        }
        if (!sandbox.locate(target)) {
          yield { kind: 'outside', display, path: location, viaLink: true };
          continue;
        }
        real = target;
        kind = (await sandbox.files.stat(target))?.kind ?? 'other';
      }
      const viaLink = entry.kind === 'symlink';
      if (kind !== 'directory') {
        yield { kind: kind === 'file' ? 'file' : 'other', display, path: real, viaLink };
        continue;
      }
      yield { kind: 'directory', display, path: real, viaLink };
      if (!options.recursive || visited.has(real)) continue;
      visited.add(real);
      try {
        yield* visit(real, childRelative);
      } catch {
        yield { kind: 'unreadable', display, path: real, viaLink };
      }
    }
  }

  yield* visit(root.path, base);
}
