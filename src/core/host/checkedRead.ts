/**
 * Open-then-check over Node's file system: the one way Nova reads a file (and lists a directory)
 * from disk. The path is opened first — without blocking, so a FIFO cannot hang the read — and
 * the real path of the opened file is learned from the descriptor itself: on Linux by reading the
 * `/proc/self/fd/<fd>` link; elsewhere by resolving the path again and comparing device and inode
 * with the descriptor's. Only then is that real path checked, and the bytes read from the same
 * descriptor, so whatever moves between the check and the read is never what gets read. On Linux
 * this is exact. Elsewhere it narrows the race to the check's own two lookups (resolve, then stat)
 * rather than closing it: Node offers no way to name a descriptor there (F_GETPATH on macOS,
 * GetFinalPathNameByHandle on Windows), and a swap timed between those two lookups can still pass.
 *
 * The TypeScript tools read synchronously (the language service asks that way), so each step has a
 * synchronous twin; both share the decisions below.
 */
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { DirectoryMovedError, type CheckedRead, type DirectoryEntry, type FileKind, type ReadCheck } from '../host';

/** Read-only; non-blocking so opening a FIFO returns at once instead of waiting for a writer. */
const openFlags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
const directoryFlags = fs.constants.O_RDONLY | (fs.constants.O_DIRECTORY ?? 0);
/**
 * How the opened file's real path is learned: `descriptor` names it through /proc/self/fd (Linux,
 * decided once); `identity` resolves the path again and compares device and inode. Tests switch to
 * `identity` to exercise the other platforms' way on Linux.
 */
export const openedPathMethod: { current: 'descriptor' | 'identity' } = {
  current: process.platform === 'linux' && fs.existsSync('/proc/self/fd') ? 'descriptor' : 'identity',
};
const namesDescriptors = () => openedPathMethod.current === 'descriptor';
const fdPath = (fd: number) => `/proc/self/fd/${fd}`;

const open = promisify(fs.open);
const close = promisify(fs.close);
const fstat = promisify(fs.fstat);
const read = promisify(fs.read);
const readlink = promisify(fs.readlink);

/** Errors that mean "nothing is there", as opposed to "something is there but unusable". */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Opening fails this way when nothing readable is there: missing, or a loop of links. */
function isUnopenable(error: unknown): boolean {
  return isMissing(error) || (error as NodeJS.ErrnoException | undefined)?.code === 'ELOOP';
}

/** The kind of a directory entry or a stat. */
export function kindOf(entry: fs.Dirent | fs.Stats): FileKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  return 'other';
}

/** The verdict on an opened file before reading: undefined means "read it". */
function verdict(realPath: string | undefined, stats: fs.Stats, check: ReadCheck): CheckedRead | undefined {
  if (realPath === undefined || !check.allows(realPath)) return { ok: false, problem: 'refused' };
  if (stats.isDirectory()) return { ok: false, problem: 'directory' };
  if (!stats.isFile()) return { ok: false, problem: 'other' };
  if (stats.size > check.maxBytes) return { ok: false, problem: 'too-large', size: stats.size };
  return undefined;
}

/** Same file: the descriptor's identity matches the identity of what the path now resolves to. */
function sameFile(a: fs.Stats, b: fs.Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * Collects an opened file's bytes, at most `maxBytes` (a file growing after fstat is cut there and
 * refused). A short read of a regular file is its end, so a small file costs one read.
 */
class Collected {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  private buffer = Buffer.alloc(0);

  constructor(
    private readonly size: number,
    private readonly maxBytes: number,
  ) {}

  /** The buffer the next read fills. */
  next(): Buffer {
    this.buffer = Buffer.allocUnsafe(Math.max(1, Math.min(Math.max(this.size - this.total, 0) + 1, this.maxBytes + 1 - this.total, 1 << 20)));
    return this.buffer;
  }

  /** Takes what the read returned: whether to read again. */
  took(bytesRead: number): boolean {
    this.chunks.push(this.buffer.subarray(0, bytesRead));
    this.total += bytesRead;
    return bytesRead === this.buffer.length && this.total <= this.maxBytes;
  }

  /** The text, or undefined when the file held more than `maxBytes`. */
  text(): string | undefined {
    return this.total > this.maxBytes ? undefined : Buffer.concat(this.chunks, this.total).toString('utf8');
  }
}

async function readAll(fd: number, size: number, maxBytes: number): Promise<string | undefined> {
  const collected = new Collected(size, maxBytes);
  for (;;) {
    const buffer = collected.next();
    if (!collected.took((await read(fd, buffer, 0, buffer.length, null)).bytesRead)) return collected.text();
  }
}

function readAllSync(fd: number, size: number, maxBytes: number): string | undefined {
  const collected = new Collected(size, maxBytes);
  for (;;) {
    const buffer = collected.next();
    if (!collected.took(fs.readSync(fd, buffer, 0, buffer.length, null))) return collected.text();
  }
}

/** The real path of what `fd` (opened from `path`) is, or undefined when that cannot be told. */
async function openedRealPath(fd: number, path: string, stats: fs.Stats): Promise<string | undefined> {
  if (namesDescriptors()) return readlink(fdPath(fd));
  const real = await fs.promises.realpath(path).catch(() => undefined);
  if (real === undefined) return undefined;
  const now = await fs.promises.stat(real).catch(() => undefined);
  return now && sameFile(now, stats) ? real : undefined;
}

function openedRealPathSync(fd: number, path: string, stats: fs.Stats): string | undefined {
  if (namesDescriptors()) return fs.readlinkSync(fdPath(fd));
  try {
    const real = fs.realpathSync(path);
    return sameFile(fs.statSync(real), stats) ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Opens, checks, reads: see the file comment. */
export async function readChecked(path: string, check: ReadCheck): Promise<CheckedRead> {
  let fd: number;
  try {
    fd = await open(path, openFlags);
  } catch (error) {
    if (isUnopenable(error)) return { ok: false, problem: 'missing' };
    throw error;
  }
  const byName = namesDescriptors();
  try {
    // The descriptor's name and its stat are independent: asked together, they cost one wait.
    const [stats, named] = await Promise.all([fstat(fd), byName ? readlink(fdPath(fd)) : undefined]);
    const realPath = named ?? (await openedRealPath(fd, path, stats));
    const refused = verdict(realPath, stats, check);
    if (refused) return refused;
    const text = await readAll(fd, stats.size, check.maxBytes);
    return text === undefined ? { ok: false, problem: 'too-large' } : { ok: true, text, realPath: realPath as string };
  } finally {
    // On Linux not awaited: the text is read and nothing else uses the descriptor. Elsewhere an
    // open file may block deleting it (Windows), so the read ends only once it is closed.
    if (byName) fs.close(fd, () => undefined);
    else await close(fd);
  }
}

/** The synchronous twin of `readChecked`, for the TypeScript language service. */
export function readCheckedSync(path: string, check: ReadCheck): CheckedRead {
  let fd: number;
  try {
    fd = fs.openSync(path, openFlags);
  } catch (error) {
    if (isUnopenable(error)) return { ok: false, problem: 'missing' };
    throw error;
  }
  try {
    const stats = fs.fstatSync(fd);
    const realPath = openedRealPathSync(fd, path, stats);
    const refused = verdict(realPath, stats, check);
    if (refused) return refused;
    const text = readAllSync(fd, stats.size, check.maxBytes);
    return text === undefined ? { ok: false, problem: 'too-large' } : { ok: true, text, realPath: realPath as string };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Lists a directory once it is open and its real path is allowed. On Linux the listing is of the
 * opened directory itself (through its descriptor's name), so a swap after the check changes
 * nothing; elsewhere the path is resolved again after listing and must still be that directory
 * (a swap there and back within one listing could show an outside directory's entry names — never
 * a file's bytes, since every file read is checked on its own).
 */
export async function readDirectoryChecked(path: string, allows: (realPath: string) => boolean): Promise<DirectoryEntry[]> {
  const fd = await open(path, directoryFlags);
  try {
    const stats = await fstat(fd);
    const realPath = await openedRealPath(fd, path, stats);
    if (realPath === undefined || !allows(realPath)) throw new DirectoryMovedError();
    const byName = namesDescriptors();
    const entries = await fs.promises.readdir(byName ? fdPath(fd) : path, { withFileTypes: true });
    if (!byName && (await openedRealPath(fd, path, stats)) !== realPath) throw new DirectoryMovedError();
    return entries.map((entry): DirectoryEntry => ({ name: entry.name, kind: kindOf(entry) }));
  } finally {
    await close(fd);
  }
}
