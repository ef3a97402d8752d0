import type { ServerResponse } from 'node:http';

/**
 * The requests a server is answering, for a graceful stop: once draining, the service reports
 * itself not ready, every new answer closes its connection (clients move to another replica), and
 * `drain` resolves when the last request in flight has been answered.
 */
export class RequestDrain {
  #inFlight = 0;
  #draining = false;
  readonly #idle: (() => void)[] = [];

  get inFlight(): number {
    return this.#inFlight;
  }

  get draining(): boolean {
    return this.#draining;
  }

  /** Counts a request until its answer is sent or its connection closes. */
  track(res: ServerResponse): void {
    this.#inFlight++;
    if (this.#draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      this.#inFlight--;
      if (this.#inFlight === 0) for (const wake of this.#idle.splice(0)) wake();
    });
  }

  /** Starts draining; resolves true once no request is in flight, or false after `timeoutMs` with some still there. */
  drain(timeoutMs: number): Promise<boolean> {
    this.#draining = true;
    if (this.#inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.#idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
