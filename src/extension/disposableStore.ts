/**
 * A set of disposables owned by one view or panel, after VS Code's own lifecycle.ts: what a feature
 * creates it `add`s here, and disposing the store disposes them all (newest first) — so nothing
 * lives on after its owner, and nothing is pushed into `context.subscriptions` from deep code.
 * No `vscode` import: the client bundle and Node tests use it too.
 */

/** Anything that can be disposed. */
export interface Disposable {
  dispose(): unknown;
}

export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposed = false;

  /** Whether `dispose` was called: whatever is added after is disposed at once. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of `item` and returns it (so `const x = store.add(new X())` reads naturally). */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      // A store that is gone owns nothing: what would have leaked is released now.
      disposeQuietly(item);
      return item;
    }
    this.items.add(item);
    return item;
  }

  /** Disposes everything held, and the store stays usable. */
  clear(): void {
    const items = [...this.items].reverse();
    this.items.clear();
    const failures: unknown[] = [];
    for (const item of items) {
      try {
        void item.dispose();
      } catch (error) {
        failures.push(error);
      }
    }
    // One failing dispose does not keep the others alive; the first failure is reported after.
    if (failures.length > 0) throw failures[0];
  }

  /** Disposes everything held; later `add`s dispose their item at once. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }
}

/** A disposable made of a function (VS Code's `toDisposable`). */
export function toDisposable(dispose: () => void): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      dispose();
    },
  };
}

function disposeQuietly(item: Disposable): void {
  try {
    void item.dispose();
  } catch {
    // Nothing owns it any more; a failing dispose has nobody to tell.
  }
}
