/**
 * Runs one shell command for run_command: its own process group, so however it ends — success,
 * failure, timeout or cancel — the command and everything it started are stopped before the result
 * is returned; combined output kept as a bounded tail (the end of a build or test log is where the
 * verdict is).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { endProcessGroup } from './processGroup';

/** How one command runs. */
export interface ShellOptions {
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** Characters of combined output kept (the last ones). */
  readonly maxOutputChars: number;
  /** Sees all of the output as it arrives (a whole log kept on disk), beyond the tail kept in memory. */
  readonly onOutput?: (text: string) => void;
}

/** How it ended. */
export interface ShellResult {
  /** `null` when it was ended by a signal or never started. */
  readonly exitCode: number | null;
  readonly exitSignal: NodeJS.Signals | null;
  /** The tail of stdout and stderr, interleaved as they arrived. */
  readonly output: string;
  /** All output characters seen, kept or not. */
  readonly totalChars: number;
  /** Set when Nova stopped the command. */
  readonly stopped?: 'timeout' | 'cancelled';
  /** Set when the command could not be started at all. */
  readonly startError?: string;
}

/** Environment variables a command never sees: their values would flow into output, traces and the model. */
const secretVariables = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'];

/** Grace between asking the process group to stop (SIGTERM) and forcing it (SIGKILL). */
const killGraceMs = 2000;
/** How long to wait for output pipes once the group has ended (a process that left the group may hold them). */
const drainMs = 500;

/** Runs `command` through the platform shell. Never rejects. */
export function runShell(command: string, options: ShellOptions): Promise<ShellResult> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    for (const name of secretVariables) delete env[name];
    let child: ChildProcessByStdio<null, Readable, Readable>;
    try {
      child = spawn(command, {
        shell: true,
        cwd: options.cwd,
        env,
        // A new process group (POSIX) that endProcessGroup can signal as a whole.
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      // Invalid arguments (a NUL byte in the command) throw instead of emitting 'error'.
      resolve({ exitCode: null, exitSignal: null, output: '', totalChars: 0, startError: (error as Error).message });
      return;
    }

    let tail = '';
    let totalChars = 0;
    const append = (text: string): void => {
      if (text === '') return;
      totalChars += text.length;
      options.onOutput?.(text);
      tail += text;
      if (tail.length > 2 * options.maxOutputChars) tail = tail.slice(-options.maxOutputChars);
    };
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8'); // per stream, so a split multi-byte character survives
      stream.on('data', (chunk: Buffer) => append(decoder.write(chunk)));
      stream.on('end', () => append(decoder.end()));
    }

    let stopped: ShellResult['stopped'];
    let exited = false;
    let finished = false;
    const endGroup = (): Promise<void> => (child.pid === undefined ? Promise.resolve() : endProcessGroup(child.pid, killGraceMs));
    const stop = (why: 'timeout' | 'cancelled'): void => {
      // Once the shell exited, its result stands: what is left is ending its group, already under way.
      if (exited || stopped) return;
      stopped = why;
      void endGroup();
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = (): void => stop('cancelled');
    options.signal.addEventListener('abort', onAbort, { once: true });
    if (options.signal.aborted) onAbort();

    const finish = (exitCode: number | null, exitSignal: NodeJS.Signals | null, startError?: string): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      const output = tail.length > options.maxOutputChars ? tail.slice(-options.maxOutputChars) : tail;
      resolve({
        exitCode,
        exitSignal,
        output,
        totalChars,
        ...(stopped ? { stopped } : {}),
        ...(startError !== undefined ? { startError } : {}),
      });
    };
    const closed = new Promise<void>((resolveClosed) => child.once('close', () => resolveClosed()));
    child.on('error', (error) => finish(null, null, error.message));
    child.once('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      // Nothing a command started may outlive it: background jobs would run on unwatched.
      void endGroup()
        .then(() => Promise.race([closed, new Promise((resolveDrain) => setTimeout(resolveDrain, drainMs).unref())]))
        .then(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish(code, signal);
        });
    });
  });
}
