/**
 * Workshop exercise `memory-leak`: a player's activity feed served through a process-wide cache
 * of pages. It runs for requests in mode `yours` (`npm run workshop -- check memory-leak`, sixty
 * requests one after another). It starts as the slow twin: make repeated requests hit the cache,
 * and keep the cache's size bounded whatever the traffic.
 */
import type { AnalyticsContext } from '../context.js';
import type { RoundDocument } from '../database.js';
import { findNewestRoundsOfPlayer } from '../repositories/rounds.js';
import { estimatedPageBytes, readThrough, type PageCache } from '../scenarios/memory-leak.js';

/** Created once per process, shared by every request. */
const pages = new Map<string, RoundDocument[]>();
let bytes = 0;
const cache: PageCache = {
  get: (key) => pages.get(key),
  set: (key, rounds) => {
    pages.set(key, rounds);
    bytes += estimatedPageBytes(rounds);
  },
  stats: () => ({ entries: pages.size, bytes, capped: false }),
};

/** The player's `last` newest rounds, through the cache. `readThrough(cache, key, keyAsSpansShowIt, load)`. */
export function playerActivity(context: AnalyticsContext, playerId: number, last: number): Promise<RoundDocument[]> {
  const load = () => findNewestRoundsOfPlayer(context.analytics, playerId, last);
  return readThrough(cache, `${context.requestId}:${playerId}:${last}`, `activity:${context.requestId}:?:${last}`, load);
}
