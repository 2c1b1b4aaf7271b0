/** Test helpers for waiting on something that happens asynchronously elsewhere (no dependencies). */

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Calls `probe` until it returns a truthy value or `timeoutMs` passes; returns that value or undefined. */
export async function poll<T>(probe: () => T | null | undefined | false, timeoutMs: number, intervalMs = 100): Promise<T | undefined> {
  for (let waited = 0; ; waited += intervalMs) {
    const value = probe();
    if (value) return value;
    if (waited >= timeoutMs) return undefined;
    await delay(intervalMs);
  }
}
