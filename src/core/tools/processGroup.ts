/**
 * Ending everything a command started. A command runs as the leader of its own process group
 * (POSIX), so signalling the group reaches its background jobs too — including one that traps
 * SIGTERM, which only SIGKILL after a grace period stops. On Windows the process tree is ended.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { abortableDelay } from '../abortableDelay';

/** How long to wait for the group to be gone after SIGKILL (the kernel is quick; this is a bound). */
const afterKillMs = 1000;
const pollMs = 25;

/**
 * Asks the group to stop (SIGTERM), waits up to `graceMs` for it to be gone, then forces it
 * (SIGKILL) and waits a little more. Resolves when no live process of the group is left, or the
 * waits ran out. Never rejects; a group already gone is fine.
 */
export async function endProcessGroup(pgid: number, graceMs: number): Promise<void> {
  if (process.platform === 'win32') {
    await new Promise<void>((resolve) => {
      spawn('taskkill', ['/pid', String(pgid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => resolve()).on('exit', () => resolve());
    });
    return;
  }
  signalGroup(pgid, 'SIGTERM');
  if (await goneWithin(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await goneWithin(pgid, afterKillMs);
}

/**
 * Whether a process of the group is still running. A zombie counts as ended: it runs nothing, and
 * where the system's init does not reap orphans (some containers) a killed job stays one for good.
 */
export async function processGroupAlive(pgid: number): Promise<boolean> {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  return liveMember(pgid);
}

/** Linux: a member of the group in /proc that is not a zombie; elsewhere any member counts. */
async function liveMember(pgid: number): Promise<boolean> {
  let names: string[];
  try {
    names = await fs.readdir('/proc');
  } catch {
    return true;
  }
  const states = await Promise.all(
    names.filter((name) => /^\d+$/.test(name)).map((name) => fs.readFile(`/proc/${name}/stat`, 'utf8').catch(() => '')),
  );
  return states.some((stat) => {
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X';
  });
}

async function goneWithin(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (!(await processGroupAlive(pgid))) return true;
    if (Date.now() >= deadline) return false;
    await abortableDelay(pollMs);
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: every process of the group has already exited.
  }
}
