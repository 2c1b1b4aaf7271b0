/**
 * The workspace sandbox: every path a tool touches is resolved here — decoded, made absolute, every
 * symbolic link followed — and refused unless the real path lies inside a workspace folder. Paths come
 * from model output, which may have been steered by text in the workspace, so nothing is trusted.
 *
 * Path forms accepted:
 * - relative paths resolve against the first workspace folder; in a multi-root workspace a relative
 *   path whose first segment is a folder's name (`api/src/x.ts`) resolves inside that folder instead
 *   (the first folder with that name wins). `displayPath` produces exactly these forms;
 * - absolute paths, and `file://` URIs (no host, or `localhost`);
 * - percent-encoding is decoded once before resolving, so `%2e%2e%2f` is caught as `../`. A literal
 *   `%` that is not an escape, or an escape left after decoding once, is refused rather than guessed.
 *
 * Reading goes through `readFile`/`readResolved`: the host opens the file first and the sandbox
 * checks the real path of what was opened (see host.ts), so a path that is swapped after `resolve`
 * checked it is refused rather than followed. Refusals name the path as it was asked for and
 * workspace paths only — never where an outside path or link leads — since the model reads them.
 */
import * as path from 'node:path';
import type { CheckedRead, DirectoryEntry, WorkspaceFiles } from '../host';

/** Where a requested path really is, or why it may not be used. */
export type SandboxResolution =
  | {
      readonly ok: true;
      /** The real absolute path, symbolic links resolved (the file may not exist yet). */
      readonly path: string;
      /** The (real) workspace folder that contains it. */
      readonly folder: string;
      /** Relative to `folder`, with `/` separators; `.` for the folder itself. */
      readonly relative: string;
    }
  | { readonly ok: false; readonly reason: string };

/** A refused path, kept so the trace and the person can see what an agent tried to reach. */
export interface SandboxRefusal {
  readonly requested: string;
  readonly reason: string;
}

/** A path's place inside the workspace. */
export interface WorkspaceLocation {
  readonly folder: string;
  readonly relative: string;
}

/**
 * A file read through the sandbox: its text, or why it was not read, with a reason that names the
 * file as tools show it (`problem` as in `CheckedRead`; `refused` also when `resolve` refused it).
 */
export type WorkspaceRead =
  | { readonly ok: true; readonly text: string; /** The file as tools show it. */ readonly shown: string }
  | { readonly ok: false; readonly problem: Extract<CheckedRead, { ok: false }>['problem']; readonly reason: string; readonly size?: number };

type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export class WorkspaceSandbox {
  private readonly _refusals: SandboxRefusal[] = [];

  private constructor(
    /** The workspace folders as real absolute paths, in the workspace's order. */
    readonly folders: readonly string[],
    /**
     * The host's files. Read through `readFile`/`readResolved` and list through `listDirectory`,
     * which hand the host the check of what it opened; `stat` and `realPath` here are only for
     * deciding what to show, never for deciding what may be read.
     */
    readonly files: WorkspaceFiles,
  ) {}

  /** Resolves each folder's real path once; a folder that does not exist is an error. */
  static async create(folders: readonly string[], files: WorkspaceFiles): Promise<WorkspaceSandbox> {
    const real: string[] = [];
    for (const folder of folders) {
      const resolved = await files.realPath(path.resolve(folder));
      if (resolved === undefined) throw new Error(`Workspace folder ${folder} does not exist.`);
      real.push(resolved);
    }
    return new WorkspaceSandbox(real, files);
  }

  /** Every refusal so far, oldest first. */
  get refusals(): readonly SandboxRefusal[] {
    return this._refusals;
  }

  /** Resolves a path as a tool received it; a refusal is recorded in `refusals`. */
  async resolve(requested: string): Promise<SandboxResolution> {
    const outcome = await this.check(requested);
    if (!outcome.ok) this._refusals.push({ requested, reason: outcome.reason });
    return outcome;
  }

  /** Resolves a path as a tool received it, then reads it (`readResolved`), at most `maxBytes`. */
  async readFile(requested: string, maxBytes: number): Promise<WorkspaceRead> {
    const resolved = await this.resolve(requested);
    if (!resolved.ok) return { ok: false, problem: 'refused', reason: resolved.reason };
    return this.readResolved(resolved.path, maxBytes);
  }

  /**
   * Reads a file at a real path that `resolve` or the walker produced: the host opens it, and it is
   * read only when the opened file is still inside the workspace, a regular file, at most
   * `maxBytes`. A file that moved out from under the check is recorded in `refusals`.
   */
  async readResolved(realPath: string, maxBytes: number): Promise<WorkspaceRead> {
    const shown = this.show(realPath);
    const read = await this.files.readText(realPath, { allows: (opened) => this.locate(opened) !== undefined, maxBytes });
    if (read.ok) return { ok: true, text: read.text, shown };
    const reason = readProblems[read.problem](shown, read.size, maxBytes);
    if (read.problem === 'refused') this._refusals.push({ requested: shown, reason });
    return { ok: false, problem: read.problem, reason, ...(read.size === undefined ? {} : { size: read.size }) };
  }

  /**
   * The entries of a directory at a real path inside the workspace, listed only while the opened
   * directory is still inside it (else the host rejects: `DirectoryMovedError`).
   */
  listDirectory(realPath: string): Promise<DirectoryEntry[]> {
    return this.files.readDirectory(realPath, (opened) => this.locate(opened) !== undefined);
  }

  /** A real path as tools show it: its workspace path, or `<outside the workspace>`. */
  show(realPath: string): string {
    const location = this.locate(realPath);
    return location ? this.displayPath(location) : outsideName;
  }

  /**
   * Text meant for the model (an error message) with every absolute path replaced: a path inside a
   * workspace folder by its workspace path, any other by `<outside the workspace>`.
   */
  scrub(text: string): string {
    return text.replace(absolutePathPattern, (found: string) => this.show(path.resolve(found)));
  }

  /**
   * The workspace folder containing an already-resolved real path (the innermost, when folders
   * nest), or `undefined` when it is outside every folder. Compares whole path segments, so
   * `/ws-other` is not inside `/ws`. Records nothing: for checking symbolic links met while walking.
   */
  locate(realPath: string): WorkspaceLocation | undefined {
    let best: WorkspaceLocation | undefined;
    for (const folder of this.folders) {
      const relative = path.relative(folder, realPath);
      const inside =
        relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
      if (inside && (!best || folder.length > best.folder.length)) {
        best = { folder, relative: relative === '' ? '.' : relative.split(path.sep).join('/') };
      }
    }
    return best;
  }

  /** The path as tools show it to a model: one that `resolve` maps back to the same place. */
  displayPath(location: WorkspaceLocation): string {
    if (this.folders.length <= 1) return location.relative;
    const name = path.basename(location.folder);
    return location.relative === '.' ? name : `${name}/${location.relative}`;
  }

  private async check(requested: string): Promise<SandboxResolution> {
    const quoted = JSON.stringify(requested);
    if (this.folders.length === 0) return refuse(`${quoted} cannot be used: no workspace folder is open`);
    const decoded = decodeRequest(requested, quoted);
    if (!decoded.ok) return decoded;
    const absolute = this.absolute(decoded.value);
    let real: RealPath;
    try {
      real = await this.realPathAllowingMissing(absolute);
    } catch (error) {
      return refuse(`${quoted} cannot be resolved (${errorWords(error)})`);
    }
    const location = this.locate(real.path);
    if (!location) {
      // Where it leads stays unsaid: the model must not learn the host's layout from a refusal.
      const through = this.locate(absolute) ? ' (a symbolic link along it leads out)' : '';
      return refuse(`${quoted} is outside the workspace${through}`);
    }
    if (real.danglingLink !== undefined) {
      return refuse(`${quoted} goes through a symbolic link whose target does not exist (${this.show(real.danglingLink)})`);
    }
    return { ok: true, path: real.path, ...location };
  }

  private absolute(decoded: string): string {
    if (path.isAbsolute(decoded)) return path.resolve(decoded);
    const [first = '', ...rest] = decoded.split(/[\\/]/);
    const named = this.folders.length > 1 ? this.folders.find((folder) => path.basename(folder) === first) : undefined;
    return named ? path.resolve(named, ...rest) : path.resolve(this.folders[0] as string, decoded);
  }

  /**
   * The real path; for a path that does not exist yet, the real path of its nearest existing
   * ancestor with the rest appended — noting when the first missing piece is a dangling symbolic
   * link, which would let a later write create a file wherever the link points.
   */
  private async realPathAllowingMissing(absolute: string): Promise<RealPath> {
    const missing: string[] = [];
    let current = absolute;
    for (;;) {
      const real = await this.files.realPath(current);
      if (real !== undefined) {
        const firstMissing = missing[missing.length - 1];
        const full = path.join(real, ...missing.reverse());
        if (firstMissing !== undefined && (await this.isSymlink(real, firstMissing))) return { path: full, danglingLink: path.join(real, firstMissing) };
        return { path: full };
      }
      const parent = path.dirname(current);
      if (parent === current) return { path: absolute };
      missing.push(path.basename(current));
      current = parent;
    }
  }

  private async isSymlink(directory: string, name: string): Promise<boolean> {
    if ((await this.files.stat(directory))?.kind !== 'directory') return false;
    const entries = await this.listDirectory(directory).catch(() => []);
    return entries.some((entry) => entry.name === name && entry.kind === 'symlink');
  }
}

/** A real path as `realPathAllowingMissing` found it; `danglingLink`: the link it would go through. */
interface RealPath {
  readonly path: string;
  readonly danglingLink?: string;
}

/** What tools show for a place outside every workspace folder. */
export const outsideName = '<outside the workspace>';

/** Absolute paths inside a message: POSIX ones not preceded by a word, `.`, `:` or `/`, and Windows drive paths. */
const absolutePathPattern = /(?<![\w.:/~-])\/[^\s'"`,;()<>[\]{}]+|\b[A-Za-z]:\\[^\s'"`,;()<>]+/g;

/** Why a read did not happen, naming the file as tools show it. */
const readProblems: Record<Extract<CheckedRead, { ok: false }>['problem'], (shown: string, size: number | undefined, maxBytes: number) => string> = {
  missing: (shown) => `${shown} does not exist`,
  refused: (shown) => `${shown} changed while it was being opened and now leads outside the workspace; it was not read`,
  directory: (shown) => `${shown} is a directory`,
  other: (shown) => `${shown} is not a regular file (FIFOs, devices and sockets are never read)`,
  'too-large': (shown, size, maxBytes) => `${shown} is too large to read (${size === undefined ? 'more than ' : ''}${size ?? maxBytes} bytes; the limit is ${maxBytes})`,
};

/** An error as a few words without paths: Node's messages name absolute paths, which a model must not see. */
function errorWords(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? 'it could not be read';
}

function refuse(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}

/** Strips a `file:` URI prefix and percent-decodes; refuses NUL bytes, foreign URIs, bad escapes. */
function decodeRequest(requested: string, quoted: string): Step<string> {
  if (requested.includes('\0')) return refuse(`${quoted} contains a NUL byte`);
  let text = requested.trim();
  const uri = /^([a-zA-Z][a-zA-Z0-9+.-]+):/.exec(text);
  if (uri && uri[1]?.toLowerCase() === 'file') {
    text = text.slice(uri[0].length);
    if (text.startsWith('//')) {
      const slash = text.indexOf('/', 2);
      const host = text.slice(2, slash === -1 ? undefined : slash);
      if (host !== '' && host.toLowerCase() !== 'localhost') {
        return refuse(`${quoted} names a host (${host}); only local file:// URIs are accepted`);
      }
      text = slash === -1 ? '/' : text.slice(slash);
    }
  } else if (uri && text.startsWith('//', uri[0].length)) {
    // Two letters at least, so a Windows drive (C:\) is not mistaken for a scheme.
    return refuse(`${quoted} is a ${uri[1]}: URI; only workspace paths and file:// URIs are accepted`);
  }
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return refuse(`${quoted} has a malformed percent-encoding (a literal % must be written as %25)`);
    }
    if (text.includes('\0')) return refuse(`${quoted} contains a NUL byte (percent-encoded)`);
    if (/%[0-9a-fA-F]{2}/.test(text)) return refuse(`${quoted} is percent-encoded more than once`);
  }
  return { ok: true, value: text === '' ? '.' : text };
}
