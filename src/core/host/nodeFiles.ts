/** `WorkspaceFiles` over Node's file system: the host for the server, the CLI and tests. */
import { promises as fs } from 'node:fs';
import type { FileStat, WorkspaceFiles } from '../host';
import { isMissing, kindOf, readChecked, readDirectoryChecked } from './checkedRead';

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

  readText: readChecked,

  readDirectory: readDirectoryChecked,

  async stat(path) {
    try {
      const stats = await fs.stat(path);
      // stat follows links, so the kind is never 'symlink' here.
      return { kind: kindOf(stats) as FileStat['kind'], size: stats.size, modifiedMs: stats.mtimeMs };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
};
