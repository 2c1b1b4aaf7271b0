/** Why a model call failed for good, in words fit for a person and a trace. */
import type { TokenUsage } from '../../trace/spans';
import { scrubSecrets } from '../../secretScrub';

/**
 * A model call that failed for good: the run stops cleanly with this message. The message is
 * scrubbed of every registered secret when the error is made, so whatever a server echoed, the key
 * is not in it.
 */
export class ModelCallError extends Error {
  /**
   * What the call's failed attempts used before they failed (a stream that broke after
   * `message_start`), so a caller can book their cost; undefined when nothing was reported.
   */
  readonly usage: TokenUsage | undefined;

  constructor(message: string, usage?: TokenUsage) {
    super(scrubSecrets(message));
    this.name = 'ModelCallError';
    this.usage = usage;
  }
}

/** The first ModelCallError in `error`'s cause chain: the SDK wraps what its middleware throws. */
export function modelCallErrorIn(error: unknown): ModelCallError | undefined {
  const seen = new Set<unknown>();
  for (let at = error; typeof at === 'object' && at !== null && !seen.has(at); at = (at as { cause?: unknown }).cause) {
    if (at instanceof ModelCallError) return at;
    seen.add(at);
  }
  return undefined;
}
