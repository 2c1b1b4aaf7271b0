/**
 * How a run started from a terminal is stopped from outside: Ctrl-C (SIGINT), `kill` (SIGTERM), or
 * the terminal closing (SIGHUP). The first signal cancels the run, which then ends as cancelled with
 * its trace flushed; a second one exits at once (spans are written as they end, so even then the
 * trace holds every finished span).
 */
import { constants } from 'node:os';
import type { TerminalOutput } from './terminalOutput';

const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The exit code of a process ended by `signal`, as shells report it: 128 + its number (130 for Ctrl-C). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

/** What the stop signals did; `received` is the first one, once one came. */
export interface Interruption {
  readonly received: NodeJS.Signals | undefined;
  /** Removes the handlers, giving the signals back their default action. */
  dispose(): void;
}

/** Cancels `controller` on the first stop signal and exits on the second; `errors` hears why. */
export function cancelOnStopSignals(controller: AbortController, errors: TerminalOutput): Interruption {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      errors.write(`nova: ${signal} while cancelling: exiting now; the trace holds every span that ended.\n`);
      process.exit(signalExitCode(signal));
    }
    received = signal;
    errors.write(`nova: ${signal}: cancelling the run and writing its trace (${signal === 'SIGINT' ? 'Ctrl-C' : 'send it'} again to exit at once).\n`);
    controller.abort(new Error(`cancelled by ${signal}`));
  };
  for (const signal of stopSignals) process.on(signal, onSignal);
  return {
    get received() {
      return received;
    },
    dispose: () => {
      for (const signal of stopSignals) process.off(signal, onSignal);
    },
  };
}
