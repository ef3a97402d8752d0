/**
 * Scenario `memory-leak`: a player's activity feed (`Query.playerActivity`) served through a
 * process-wide cache of pages, each page the round documents as MongoDB returned them. Both twins
 * read through the same repository function; only the cache differs. The caches live as long as
 * the process (created once in main.ts): that is what lets one of them leak.
 */
import { cacheGet, cachePut, emitMetric, runVariant, setSpanAttributes, type Logger } from '@trace-arcade/service-runtime';
import { LRUCache } from 'lru-cache';
import type { AnalyticsContext } from '../context.js';
import type { RoundDocument } from '../database.js';
import { findNewestRoundsOfPlayer } from '../repositories/rounds.js';
import * as yours from '../workshop/memory-leak.js';

/**
 * Heap one cached round document keeps alive: its object, its `_id` and game strings and its Date.
 * Measured: 40 pages of 500 rounds of the seed's shape, fetched through the driver and held in an
 * array, heap after a forced GC: about 325 bytes a round.
 */
export const ROUND_BYTES = 330;
/** A page's own array and its entry in the cache. */
const PAGE_BYTES = 200;

/** The heap a page of `rounds` keeps alive, estimated from its size (the caches' unit of account). */
export function estimatedPageBytes(rounds: readonly RoundDocument[]): number {
  return PAGE_BYTES + rounds.length * ROUND_BYTES;
}

export interface PageCacheStats {
  entries: number;
  /** Estimated heap the cached pages keep alive (`estimatedPageBytes`, summed). */
  bytes: number;
  /** Whether the leaking cache reached LEAK_CAP_MB and stopped growing (always false for the bounded one). */
  capped: boolean;
}

/**
 * The slow twin's cache: a Map that only grows. Its one safety net is not part of the bug: past
 * `capBytes` (LEAK_CAP_MB; 0 = no cap) it stores nothing more, so that by default the leak shows
 * in the heap without killing the process. `onCap` runs once, when that first happens.
 */
export class LeakingPageCache {
  readonly #pages = new Map<string, RoundDocument[]>();
  #bytes = 0;
  #capped = false;

  constructor(
    readonly capBytes: number,
    private readonly onCap: (stats: PageCacheStats) => void,
  ) {}

  get(key: string): RoundDocument[] | undefined {
    return this.#pages.get(key);
  }

  /** Keeps `rounds` under `key`; false when the cap refused it. */
  set(key: string, rounds: RoundDocument[]): boolean {
    const size = estimatedPageBytes(rounds);
    if (this.capBytes > 0 && this.#bytes + size > this.capBytes) {
      if (!this.#capped) {
        this.#capped = true;
        this.onCap(this.stats());
      }
      return false;
    }
    this.#bytes += size - (this.#pages.has(key) ? estimatedPageBytes(this.#pages.get(key)!) : 0);
    this.#pages.set(key, rounds);
    return true;
  }

  stats(): PageCacheStats {
    return { entries: this.#pages.size, bytes: this.#bytes, capped: this.#capped };
  }
}

/** The fixed twin's bounds: at most this many pages and this many (estimated) bytes, each page this fresh. */
export const BOUNDED_CACHE_LIMITS = { maxPages: 256, maxBytes: 4 * 1024 * 1024, ttlMs: 5000 } as const;

/** The fixed twin's cache: least recently used pages go first once either bound is reached; a page expires after `ttlMs`. */
export function boundedPageCache(limits: { maxPages: number; maxBytes: number; ttlMs: number } = BOUNDED_CACHE_LIMITS) {
  return new LRUCache<string, RoundDocument[]>({
    max: limits.maxPages,
    maxSize: limits.maxBytes,
    sizeCalculation: (rounds) => estimatedPageBytes(rounds),
    ttl: limits.ttlMs,
  });
}

export type BoundedPageCache = ReturnType<typeof boundedPageCache>;

function boundedStats(cache: BoundedPageCache): PageCacheStats {
  return { entries: cache.size, bytes: cache.calculatedSize, capped: false };
}

/** Both twins' caches, created once per process. */
export interface ActivityCaches {
  leaking: LeakingPageCache;
  bounded: BoundedPageCache;
}

export function createActivityCaches(options: { leakCapMb: number; log: Logger }): ActivityCaches {
  const { leakCapMb, log } = options;
  return {
    leaking: new LeakingPageCache(leakCapMb * 1024 * 1024, (stats) =>
      log.warn(
        { leakCapMb, entries: stats.entries, bytes: stats.bytes },
        'memory-leak: the leaking cache reached LEAK_CAP_MB and stops growing (LEAK_CAP_MB=0 lifts the cap)',
      ),
    ),
    bounded: boundedPageCache(),
  };
}

/** The name the page cache's `cache.size` metric carries. */
const CACHE_NAME = 'player-activity';

/**
 * Records what the cache did on the scenario span, so that the trace shows the cache growing (or not),
 * and sends the cache's size as the `cache.size` metric, which a dashboard or an alert reads.
 */
function recordCache(hit: boolean, stats: PageCacheStats): void {
  emitMetric('cacheSize', stats.bytes, { 'cache.name': CACHE_NAME });
  setSpanAttributes({
    'cache.hit': hit,
    'cache.entries': stats.entries,
    'cache.size_bytes': stats.bytes,
    'memory_leak.capped': stats.capped,
  });
}

/** What both twins read through: a cache of pages and its numbers. */
export interface PageCache {
  get(key: string): RoundDocument[] | undefined;
  set(key: string, rounds: RoundDocument[]): unknown;
  stats(): PageCacheStats;
}

/**
 * The one seam both twins go through: look the page up (a `cache.get` span), load it on a miss and
 * keep it (a `cache.put` span), and record the cache's numbers on the scenario span. `spanKey` is
 * the key as the spans show it: the player id replaced by `?`, like a query's values.
 */
export async function readThrough(cache: PageCache, key: string, spanKey: string, load: () => Promise<RoundDocument[]>) {
  const cached = cacheGet(spanKey, () => cache.get(key), estimatedPageBytes);
  if (cached) {
    recordCache(true, cache.stats());
    return cached;
  }
  const rounds = await load();
  cachePut(spanKey, estimatedPageBytes(rounds), () => cache.set(key, rounds));
  recordCache(false, cache.stats());
  return rounds;
}

export function playerActivity(context: AnalyticsContext, playerId: number, last: number): Promise<RoundDocument[]> {
  const { leaking, bounded } = context.activityCaches;
  const load = () => findNewestRoundsOfPlayer(context.analytics, playerId, last);
  return runVariant(context, 'memory-leak', {
    // Slow: the page is cached under a key that holds the request's id (meant to share the page among
    // the resolvers of one request, it is unique per request), in a Map that never evicts. No request ever
    // hits an entry, and every entry keeps its page of documents alive for the life of the process:
    // the heap grows by about a page per request until the process runs out of memory.
    slow: () => readThrough(leaking, `${context.requestId}:${playerId}:${last}`, `activity:${context.requestId}:?:${last}`, load),
    // Fixed: keyed by what the page depends on (player and page size), so repeated requests hit;
    // an LRU bounded in pages and in bytes evicts the least recently used, and a page expires after
    // a few seconds so that the feed stays fresh. The heap stays flat whatever the traffic.
    fixed: () =>
      readThrough(
        { get: (key) => bounded.get(key), set: (key, rounds) => bounded.set(key, rounds), stats: () => boundedStats(bounded) },
        `${playerId}:${last}`,
        `activity:?:${last}`,
        load,
      ),
    // The workshop attendee's version (src/workshop/memory-leak.ts), with a cache of its own.
    yours: () => yours.playerActivity(context, playerId, last),
  });
}
