/**
 * The small interface through which the core reaches the user's files. Node implements it over the
 * file system (src/core/host/nodeFiles.ts); the language server overlays unsaved editor buffers.
 * Tools never touch `fs` directly: they go through this, after the sandbox has checked the path.
 *
 * Reading is open-then-check: a host opens the file (or directory) first, learns the real path of
 * what it opened, and reads only when `ReadCheck.allows` agrees — so a directory swapped for a
 * symbolic link between the sandbox's check and the read cannot lead the read out of the
 * workspace. There is no unchecked read: `WorkspaceSandbox.readFile` is how the core reads.
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
  /**
   * When the file on disk last changed (ms since the epoch). Absent for an open editor buffer,
   * whose text changes without the disk: such a file is read again every time.
   */
  readonly modifiedMs?: number;
}

/** What a host must confirm about an opened file before it reads a byte of it. */
export interface ReadCheck {
  /** Whether the opened file (or directory), named by its real absolute path, may be read. */
  allows(realPath: string): boolean;
  /** Regular files larger than this many bytes are not read (`too-large`). */
  readonly maxBytes: number;
}

/**
 * The outcome of a checked read. `refused`: what was opened is not where the check allows (it moved
 * or was swapped since the path was resolved); `other`: a FIFO, device or socket — never read.
 */
export type CheckedRead =
  | { readonly ok: true; readonly text: string; /** The real path of the file that was read. */ readonly realPath: string }
  | { readonly ok: false; readonly problem: 'missing' | 'refused' | 'directory' | 'other' | 'too-large'; readonly size?: number };

/** Read access to the workspace's files. All paths are absolute. */
export interface WorkspaceFiles {
  /**
   * The canonical absolute path with every symbolic link resolved, or `undefined` when the path
   * (or a link target along it) does not exist. Other failures (permissions, link loops) reject.
   */
  realPath(path: string): Promise<string | undefined>;
  /**
   * Opens the file without blocking (a FIFO never hangs), checks the opened file's real path with
   * `check.allows`, that it is a regular file and at most `check.maxBytes`, then reads it as UTF-8.
   * For the language server, an open editor buffer at `path` is returned (its unsaved text) once
   * `check.allows(path)` agrees. Only unexpected failures (permissions) reject.
   */
  readText(path: string, check: ReadCheck): Promise<CheckedRead>;
  /**
   * The entries of the directory, in no particular order, without following symbolic links; the
   * directory is opened first and listed only when `allows` agrees with its real path, else this
   * rejects (`DirectoryMovedError`).
   */
  readDirectory(path: string, allows: (realPath: string) => boolean): Promise<DirectoryEntry[]>;
  /** Kind and size of the path, symbolic links followed; `undefined` when it does not exist. */
  stat(path: string): Promise<FileStat | undefined>;
}

/** A directory that, once opened, was not where the check allows: it was moved or swapped for a link. */
export class DirectoryMovedError extends Error {
  constructor() {
    super('the directory changed while it was being listed');
    this.name = 'DirectoryMovedError';
  }
}
