/**
 * What the page keeps through VS Code's webview state (`setState`/`getState`) so that, shown again
 * after being hidden, it paints the chat at once instead of a blank view while the extension
 * answers: the last chat/state (kept current with every update) and the unsent draft.
 *
 * Saving serializes the whole chat, so it is throttled (at most once a second, and when the page
 * is hidden); what is read back is checked like any other message.
 */
import { z } from 'zod';
import { chatState } from '../../protocol/webview/chat';

export const SavedState = z.strictObject({
  version: z.literal(1),
  state: chatState.params,
  draft: z.strictObject({ text: z.string(), removedChips: z.array(z.string()) }),
});
export type SavedState = z.infer<typeof SavedState>;

/** The part of `acquireVsCodeApi()` the state uses. */
export interface StateStore {
  getState(): unknown;
  setState(state: unknown): void;
}

const interval = 1000;

export class StateKeeper {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: StateStore,
    private readonly current: () => SavedState | undefined,
  ) {
    addEventListener('pagehide', () => this.flush());
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && this.flush());
  }

  /** The saved state, or undefined when there is none or it is not one this page wrote. */
  restore(): SavedState | undefined {
    const parsed = SavedState.safeParse(this.store.getState());
    return parsed.success ? parsed.data : undefined;
  }

  /** Saves soon (at most once a second). */
  save(): void {
    this.timer ??= setTimeout(() => this.flush(), interval);
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const state = this.current();
    if (state) this.store.setState(state);
  }
}
