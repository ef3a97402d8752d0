import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

export interface RetryOptions {
  /** What is awaited, for the log line ("PostgreSQL at 127.0.0.1:5433"). */
  what: string;
  log: Logger;
  /** Give up after this long; 0 waits forever (a service waiting for its database). */
  timeoutMs?: number;
  intervalMs?: number;
}

/** Runs `attempt` until it succeeds, logging each failure once per try so a waiting service is never silent. */
export async function retryUntilReady<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { what, log, timeoutMs = 0, intervalMs = 1000 } = options;
  const started = Date.now();
  for (let tries = 1; ; tries++) {
    try {
      const result = await attempt();
      if (tries > 1) log.info({ what, tries }, 'dependency ready');
      return result;
    } catch (error) {
      const waitedMs = Date.now() - started;
      if (timeoutMs > 0 && waitedMs >= timeoutMs) {
        throw new Error(`${what} not ready after ${waitedMs} ms: ${(error as Error).message}`, { cause: error });
      }
      log.warn({ what, tries, waitedMs, reason: (error as Error).message }, 'waiting for dependency');
      await sleep(intervalMs);
    }
  }
}
