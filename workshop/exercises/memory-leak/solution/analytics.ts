/**
 * Workshop exercise `memory-leak`: a player's activity feed served through a process-wide cache
 * of pages. Reference fix: keyed by what the page depends on (player and page size), so repeated
 * requests hit; an LRU bounded in pages and in bytes, whose pages expire after five seconds.
 */
import { LRUCache } from 'lru-cache';
import type { AnalyticsContext } from '../context.js';
import type { RoundDocument } from '../database.js';
import { findNewestRoundsOfPlayer } from '../repositories/rounds.js';
import { estimatedPageBytes, readThrough, type PageCache } from '../scenarios/memory-leak.js';

/** Created once per process, shared by every request. */
const pages = new LRUCache<string, RoundDocument[]>({
  max: 256,
  maxSize: 4 * 1024 * 1024,
  sizeCalculation: estimatedPageBytes,
  ttl: 5000,
});
const cache: PageCache = {
  get: (key) => pages.get(key),
  set: (key, rounds) => pages.set(key, rounds),
  stats: () => ({ entries: pages.size, bytes: pages.calculatedSize, capped: false }),
};

/** The player's `last` newest rounds, through the cache. `readThrough(cache, key, keyAsSpansShowIt, load)`. */
export function playerActivity(context: AnalyticsContext, playerId: number, last: number): Promise<RoundDocument[]> {
  const load = () => findNewestRoundsOfPlayer(context.analytics, playerId, last);
  return readThrough(cache, `${playerId}:${last}`, `activity:?:${last}`, load);
}
