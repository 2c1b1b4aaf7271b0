/**
 * The small interface through which the core reaches the user's files. Node implements it over the
 * file system (src/core/host/nodeFiles.ts); the VS Code adapter will overlay unsaved editor buffers.
 * Tools never touch `fs` directly: they go through this, after the sandbox has checked the path.
 */

/** What a directory entry or path is. `symlink` is only reported by `readDirectory` (links are not followed there). */
export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

/** One entry of a directory listing. */
export interface DirectoryEntry {
  /** The entry's name, not a path. */
  readonly name: string;
  /** The kind of the entry itself: a symbolic link is `symlink`, whatever it points to. */
  readonly kind: FileKind;
}

/** What `stat` reports about an existing path, symbolic links followed. */
export interface FileStat {
  readonly kind: Exclude<FileKind, 'symlink'>;
  /** Size in bytes (for an open editor buffer, of its current text). */
  readonly size: number;
}

/** Read access to the workspace's files. All paths are absolute. */
export interface WorkspaceFiles {
  /**
   * The canonical absolute path with every symbolic link resolved, or `undefined` when the path
   * (or a link target along it) does not exist. Other failures (permissions, link loops) reject.
   */
  realPath(path: string): Promise<string | undefined>;
  /** The file's text as UTF-8 — for the VS Code host, the unsaved buffer when one is open. */
  readText(path: string): Promise<string>;
  /** The entries of a directory, in no particular order, without following symbolic links. */
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /** Kind and size of the path, symbolic links followed; `undefined` when it does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
}
