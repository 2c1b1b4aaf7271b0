/**
 * Gives back what starting the server grew. Loading the core allocates a lot and then nothing: the
 * young generation V8 grew while loading stays that large, and V8 only shrinks it after a full
 * collection, which an idle server never triggers (the code cache, compileCache.ts, leaves too little
 * garbage to cause one). One full collection once the core is loaded lets V8's memory reducer give
 * the young generation back: measured, an idle server's RSS 70 → 60 MB 15 s after start.
 *
 * Node has no API for one collection without `--expose-gc` on its command line (which Neovim and
 * other LSP clients do not pass), so the flag is set at runtime and `gc` is taken from a new
 * context, which is where V8 then exposes it — the way jest's leak detector does. The main context
 * never gets a global `gc`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One full garbage collection, now. A runtime that refuses the flag is left alone: this is only about memory. */
export function collectStartupGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') gc();
  } catch {
    // No collection: the server works the same, with a larger young generation until V8 collects.
  }
}
