/**
 * `WorkspaceFiles` with open editor buffers laid over another host: a file a person is editing is
 * read as they see it (unsaved edits included), every other file from `base`. The language server
 * lays its LSP-synced documents over the file system this way.
 *
 * Buffers are keyed by the real path their file had when it was opened, so an open buffer is the
 * person's own text for that place: it is returned once the check allows that path — nothing on
 * disk is read for it, so there is nothing a swap could redirect.
 */
import type { WorkspaceFiles } from '../host';

/** The unsaved text of an open buffer at this absolute path, or undefined when none is open. */
export type OpenBufferText = (path: string) => string | undefined;

export function overlayWorkspaceFiles(base: WorkspaceFiles, openText: OpenBufferText): WorkspaceFiles {
  return {
    realPath: (path) => base.realPath(path),
    readDirectory: (path, allows) => base.readDirectory(path, allows),
    async readText(path, check) {
      const text = openText(path);
      if (text === undefined) return base.readText(path, check);
      if (!check.allows(path)) return { ok: false, problem: 'refused' };
      const size = Buffer.byteLength(text, 'utf8');
      return size > check.maxBytes ? { ok: false, problem: 'too-large', size } : { ok: true, text, realPath: path };
    },
    async stat(path) {
      const text = openText(path);
      return text === undefined ? base.stat(path) : { kind: 'file', size: Buffer.byteLength(text, 'utf8') };
    },
  };
}
