import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createLogger, RequestCost, scenarioSelection } from '@trace-arcade/service-runtime';
import { loadServiceConfig } from '../config.js';
import type { AnalyticsContext } from '../context.js';
import type { AnalyticsDb, RoundDocument } from '../database.js';
import {
  boundedPageCache,
  createActivityCaches,
  estimatedPageBytes,
  LeakingPageCache,
  playerActivity,
  type ActivityCaches,
  type PageCacheStats,
} from './memory-leak.js';

function rounds(count: number, playerId = 1): RoundDocument[] {
  return Array.from({ length: count }, (_, index) => ({
    _id: `round-${playerId}-${index}`,
    playerId,
    gameId: 'slots-fruit',
    gameKind: 'SLOTS',
    betCents: 100,
    payoutCents: index % 3 === 0 ? 500 : 0,
    playedAt: new Date(Date.UTC(2026, 9, 1) + index * 60_000),
  }));
}

test('the leaking cache keeps every page it is given, whatever the traffic', () => {
  const cache = new LeakingPageCache(0, () => assert.fail('no cap: onCap never runs'));
  for (let request = 0; request < 1000; request++) assert.equal(cache.set(`trace-${request}:1:50`, rounds(50)), true);
  assert.deepEqual(cache.stats(), { entries: 1000, bytes: 1000 * estimatedPageBytes(rounds(50)), capped: false });
  assert.equal(cache.get('trace-0:1:50')?.length, 50, 'the first page is still there');
});

test('the leaking cache stops growing at its cap and says so once', () => {
  const page = estimatedPageBytes(rounds(100));
  const reports: PageCacheStats[] = [];
  const cache = new LeakingPageCache(10 * page + page / 2, (stats) => reports.push(stats));
  const stored = Array.from({ length: 50 }, (_, request) => cache.set(`trace-${request}:1:100`, rounds(100)));
  assert.equal(stored.filter(Boolean).length, 10, 'ten pages fit under the cap; the next forty are refused');
  assert.deepEqual(cache.stats(), { entries: 10, bytes: 10 * page, capped: true });
  assert.deepEqual(reports, [{ entries: 10, bytes: 10 * page, capped: true }], 'reported once, when first reached');
});

test('the bounded cache holds at most its pages and its bytes, dropping the least recently used', () => {
  const byCount = boundedPageCache({ maxPages: 8, maxBytes: 1024 * 1024, ttlMs: 60_000 });
  for (let player = 1; player <= 100; player++) byCount.set(`${player}:10`, rounds(10, player));
  assert.equal(byCount.size, 8);
  assert.ok(byCount.has('100:10') && !byCount.has('1:10'), 'the newest pages stay, the oldest went');

  const maxBytes = 5 * estimatedPageBytes(rounds(100));
  const byBytes = boundedPageCache({ maxPages: 1000, maxBytes, ttlMs: 60_000 });
  for (let player = 1; player <= 100; player++) byBytes.set(`${player}:100`, rounds(100, player));
  assert.equal(byBytes.size, 5);
  assert.ok(byBytes.calculatedSize <= maxBytes);
});

/** A rounds collection that counts the queries it answers and returns fresh documents each time, as the driver does. */
function countingAnalytics() {
  const queries: unknown[] = [];
  const collection = {
    find(filter: { playerId: number }) {
      queries.push(filter);
      let limit = 0;
      const cursor = {
        sort: () => cursor,
        limit: (n: number) => ((limit = n), cursor),
        toArray: async () => rounds(limit, filter.playerId),
      };
      return cursor;
    },
  };
  return { analytics: { rounds: collection } as unknown as AnalyticsDb, queries };
}

type Mode = 'slow' | 'fixed';
const { SCENARIO_DEFAULTS } = loadServiceConfig({ INTERNAL_API_TOKEN: 't'.repeat(32) });

function context(mode: Mode, analytics: AnalyticsDb, activityCaches: ActivityCaches): AnalyticsContext {
  return {
    scenarios: scenarioSelection({ 'x-scenarios': `memory-leak=${mode}` }, SCENARIO_DEFAULTS),
    cost: new RequestCost({}),
    analytics,
    requestId: randomUUID(),
    activityCaches,
  } as unknown as AnalyticsContext;
}

/** `requests` requests for the same page, each with a context of its own. */
async function serve(mode: Mode, requests: number) {
  const { analytics, queries } = countingAnalytics();
  const caches = createActivityCaches({ leakCapMb: 0, log: createLogger('analytics') });
  for (let request = 0; request < requests; request++) {
    const page = await playerActivity(context(mode, analytics, caches), 7, 40);
    assert.equal(page.length, 40);
    assert.ok(page.every((round) => round.playerId === 7));
  }
  return { queries: queries.length, leaking: caches.leaking.stats(), bounded: caches.bounded.size };
}

test('slow: the same page requested again never hits, and every request leaves its page behind', async () => {
  const served = await serve('slow', 30);
  assert.equal(served.queries, 30, 'every request queries MongoDB');
  assert.deepEqual(served.leaking, { entries: 30, bytes: 30 * estimatedPageBytes(rounds(40)), capped: false });
  assert.equal(served.bounded, 0);
});

test('fixed: the same page requested again is served from one bounded entry', async () => {
  const served = await serve('fixed', 30);
  assert.equal(served.queries, 1, 'only the first request queries MongoDB');
  assert.equal(served.bounded, 1);
  assert.equal(served.leaking.entries, 0);
});
