/**
 * `work`, or a rejection with the signal's reason as soon as `signal` aborts, whichever comes first.
 * For awaiting a client that should honour the signal but may not: the Anthropic SDK's stream can
 * stay pending for ever when it is aborted between its last content block and its end (seen when
 * `nova run | head` closes the pipe mid-stream), and a cancelled run must end all the same. The
 * abandoned promise's own outcome is ignored.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
