import { performance } from 'node:perf_hooks';

/** One request's watch on a bet: started before it reads the bet, so that no change in between is missed. */
export interface BetWatch {
  /** Resolves when the bet changes in this process, or at `deadline` (a `performance.now()` time), whichever is first. */
  until(deadline: number): Promise<void>;
  /** Stops watching without waiting. */
  cancel(): void;
}

/**
 * How a request waits for another request of this process that plays the same bet: the player of
 * the bet says when it settled or released it, and the waiting requests look at the bet again at
 * once. A bet played by another replica, or one whose player died, wakes no one here: its waiters
 * look again at their deadline (when the claim goes stale, or when they must answer).
 */
export class BetWaits {
  readonly #watchers = new Map<string, Set<() => void>>();

  watch(key: string): BetWatch {
    const watchers = this.#watchers.get(key) ?? new Set<() => void>();
    this.#watchers.set(key, watchers);
    let changed = false;
    let wake = () => {
      changed = true;
    };
    const listener = () => wake();
    watchers.add(listener);
    const cancel = () => {
      watchers.delete(listener);
      if (watchers.size === 0 && this.#watchers.get(key) === watchers) this.#watchers.delete(key);
    };
    return {
      until: (deadline) =>
        new Promise<void>((resolve) => {
          const finish = () => {
            clearTimeout(timer);
            cancel();
            resolve();
          };
          // The bet settled or released before the wait began: nothing to wait for.
          if (changed) {
            cancel();
            resolve();
            return;
          }
          // Not a delay: the wait's deadline. A change of the bet (`wake`) ends it sooner.
          const timer = setTimeout(finish, Math.max(0, deadline - performance.now()));
          wake = finish;
        }),
      cancel,
    };
  }

  /** The bet of `key` was settled or released here: its waiters look at it again now. */
  changed(key: string): void {
    for (const listener of [...(this.#watchers.get(key) ?? [])]) listener();
  }

  /** Keys someone waits for (for tests). */
  get watchedKeys(): number {
    return this.#watchers.size;
  }
}
