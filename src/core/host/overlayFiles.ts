/**
 * `WorkspaceFiles` with open editor buffers laid over another host: a file a person is editing is
 * read as they see it (unsaved edits included), every other file from `base`. The language server
 * lays its LSP-synced documents over the file system this way.
 */
import type { WorkspaceFiles } from '../host';

/** The unsaved text of an open buffer at this absolute path, or undefined when none is open. */
export type OpenBufferText = (path: string) => string | undefined;

export function overlayWorkspaceFiles(base: WorkspaceFiles, openText: OpenBufferText): WorkspaceFiles {
  return {
    realPath: (path) => base.realPath(path),
    readDirectory: (path) => base.readDirectory(path),
    async readText(path) {
      return openText(path) ?? base.readText(path);
    },
    async stat(path) {
      const text = openText(path);
      return text === undefined ? base.stat(path) : { kind: 'file', size: Buffer.byteLength(text, 'utf8') };
    },
  };
}
