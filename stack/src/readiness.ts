import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `url` until it answers 200; returns the JSON body. */
export async function waitForHttpOk(
  url: string,
  timeoutMs: number,
  isAborted: () => string | undefined = () => undefined,
): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const aborted = isAborted();
    if (aborted) throw new Error(aborted);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) return body;
      last = `HTTP ${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(150);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}`);
}
