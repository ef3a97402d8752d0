import type { UnitOfWork } from './catalog.js';

/**
 * Sends a scenario's unit of work: `requests` requests, at most `concurrency` at a time, each lane
 * sending its next one once its previous one has answered. The panel, the workshop checker and the
 * tests send units this way; the results come in the order they were answered.
 */
export async function sendUnit<T>({ requests, concurrency }: UnitOfWork, send: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let started = 0;
  const lane = async () => {
    while (started < requests) {
      started++;
      results.push(await send());
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, lane));
  return results;
}
