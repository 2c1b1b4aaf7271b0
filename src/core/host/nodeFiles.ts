/** `WorkspaceFiles` over Node's file system: the host for the server, the CLI and tests. */
import { promises as fs, type Dirent, type Stats } from 'node:fs';
import type { DirectoryEntry, FileKind, FileStat, WorkspaceFiles } from '../host';

/** Errors that mean "nothing is there", as opposed to "something is there but unusable". */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function kindOf(entry: Dirent | Stats): FileKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  return 'other';
}

/** The workspace files as they are on disk (no editor buffers). */
export const nodeWorkspaceFiles: WorkspaceFiles = {
  async realPath(path) {
    try {
      return await fs.realpath(path);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },

  readText(path) {
    return fs.readFile(path, 'utf8');
  },

  async readDirectory(path) {
    const entries = await fs.readdir(path, { withFileTypes: true });
    return entries.map((entry): DirectoryEntry => ({ name: entry.name, kind: kindOf(entry) }));
  },

  async stat(path) {
    try {
      const stats = await fs.stat(path);
      // stat follows links, so the kind is never 'symlink' here.
      return { kind: kindOf(stats) as FileStat['kind'], size: stats.size };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
};
