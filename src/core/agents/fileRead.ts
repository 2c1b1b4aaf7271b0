/**
 * Reads one agent file the way any untrusted workspace file must be read: a regular file only (a
 * FIFO, device or socket is refused before it is opened, and the open is non-blocking, so a FIFO
 * swapped in later still cannot hold a thread of the pool), at most `maxAgentFileBytes` (or the
 * cap given: the constitution has its own), and the opened file must be the one that was checked
 * (same device and inode, no symbolic link at open).
 */
import { createHash } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';

/** The size cap for one agent file: a real agent file is a few KiB; 256 KiB leaves ample room. */
export const maxAgentFileBytes = 256 * 1024;

/** An agent file's text and the sha256 of its bytes, or why it was not read. */
export type AgentFileRead =
  | { readonly ok: true; readonly text: string; readonly sha256: string }
  | { readonly ok: false; readonly message: string };

/** sha256 (hex) of a file's bytes, as acceptances record it. */
export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A size cap and what it is for, as the message names it. */
export interface FileCap {
  readonly bytes: number;
  /** The kind of file, plural ("agent files"). */
  readonly what: string;
}

const agentFileCap: FileCap = { bytes: maxAgentFileBytes, what: 'agent files' };

/** Reads `realPath` (symbolic links already resolved by the caller) if it is a regular file within the cap. */
export async function readAgentFileSafely(realPath: string, cap: FileCap = agentFileCap): Promise<AgentFileRead> {
  let checked: Stats;
  try {
    checked = await fs.lstat(realPath);
  } catch (error) {
    return refuse(`cannot be read (${errorCode(error)})`);
  }
  const kind = notRegular(checked);
  if (kind) return refuse(`is ${kind}, not a regular file; ${cap.what} must be regular files`);
  if (checked.size > cap.bytes) return refuse(tooLarge(checked.size, cap));

  let handle: fs.FileHandle;
  try {
    handle = await fs.open(realPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return refuse(`cannot be opened (${errorCode(error)}); it may have been replaced while Nova read it`);
  }
  try {
    const opened = await handle.stat();
    if (notRegular(opened) || opened.ino !== checked.ino || opened.dev !== checked.dev || !(await opensAt(handle, realPath))) {
      return refuse('was replaced while Nova read it; it is skipped');
    }
    // One byte more than the checked size tells a file that grew after the check from one that
    // did not (a buffer of the cap for every file would cost a collection of 500 files 128 MB).
    const buffer = Buffer.alloc(checked.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > checked.size) return refuse('grew while Nova read it; it is skipped');
    const bytes = buffer.subarray(0, length);
    return { ok: true, text: bytes.toString('utf8'), sha256: contentHash(bytes) };
  } catch (error) {
    return refuse(`cannot be read (${errorCode(error)})`);
  } finally {
    await handle.close();
  }
}

/**
 * Whether the open file is the one at `realPath` (a folder above it swapped for a link after the
 * caller resolved it would open another file). Linux names an open file's path in /proc; where it
 * does not, the device and inode check above is what remains.
 */
async function opensAt(handle: fs.FileHandle, realPath: string): Promise<boolean> {
  if (process.platform !== 'linux') return true;
  try {
    return (await fs.readlink(`/proc/self/fd/${handle.fd}`)) === realPath;
  } catch {
    return true; // no /proc mounted (some containers): the inode check stands alone
  }
}

function notRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}

function tooLarge(size: number, cap: FileCap): string {
  return `is ${size.toLocaleString('en-US')} bytes or more; ${cap.what} are at most ${cap.bytes / 1024} KiB`;
}

function refuse(message: string): AgentFileRead {
  return { ok: false, message };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : String(error));
}
