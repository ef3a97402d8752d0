/**
 * Scenario `memory-leak` through the gateway: the scenario span and its cache attributes in
 * analytics' transaction, and the heap analytics reports in `extensions.perf` growing with the slow
 * twin and staying flat with the fixed one. Analytics runs with `--expose-gc`, so each heap it
 * reports is measured right after a full collection: what is still retained, not garbage.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SCENARIOS, type Mode } from '@trace-arcade/scenarios';
import { waitForHttpOk } from '@trace-arcade/stack';
import type { SentrySpan, SentryTransaction } from '@trace-arcade/trace-detectors';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

/** Requests per twin: enough for the leak to stand well clear of the noise, few enough for CI. */
const REQUESTS = 100;
const MB = 1024 * 1024;
/** How long the fixed twin keeps a page (`BOUNDED_CACHE_LIMITS.ttlMs` in subgraphs/analytics/src/scenarios/memory-leak.ts). */
const PAGE_TTL_MS = 5000;

const scenario = SCENARIOS.find((candidate) => candidate.name === 'memory-leak')!;

let sink: SentryEnvelopeSink;
let stack: TestStack;

before(async () => {
  sink = new SentryEnvelopeSink();
  await sink.start();
  // 10,000 rounds give player 1 more rounds than the scenario's page of 300.
  stack = await startTestStack({ env: { SENTRY_DSN: sink.dsn }, rounds: 10_000 });
  // Analytics alone pays a full collection per request: started again with --expose-gc.
  const { spec } = await stack.processes.stop('analytics');
  stack.processes.start({ ...spec, env: { ...spec.env, NODE_OPTIONS: '--expose-gc' } });
  await waitForHttpOk(`${stack.gatewayUrl}/health/ready`, 60_000);
});
after(async () => {
  await stack?.stop();
  await sink?.stop();
});

async function request(mode: Mode) {
  const result = await stack.graphql<{ playerActivity: { id: string; player: { id: string } }[] }>(scenario.operation, scenario.variables, {
    'x-scenarios': `memory-leak=${mode}`,
  });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  const perf = parsePerfExtension(result.extensions?.['perf']);
  return { rounds: result.data!.playerActivity, perf, heap: perf.subgraphs.analytics!.heapUsedBytes! };
}

/** The `memory-leak (<mode>)` span of analytics' transaction in one trace, once the SDK has sent it. */
async function scenarioSpan(traceId: string, mode: Mode): Promise<SentrySpan> {
  const spanIn = (transactions: SentryTransaction[]) =>
    transactions
      .filter((t) => t.contexts.trace.trace_id === traceId && t.server_name === 'analytics')
      .flatMap((t) => t.spans)
      .find((span) => span.op === 'scenario' && span.description === `memory-leak (${mode})`);
  await sink.waitFor((transactions) => spanIn(transactions) !== undefined);
  return spanIn(sink.transactions)!;
}

/** Requests of each twin sent before the baseline heap is read (code compiled, pools filled once). */
const WARM_UP = 10;

/** Runs `REQUESTS` requests of one twin after a warm-up; the heap analytics reported after the warm-up and after the last. */
async function runTwin(mode: Mode) {
  for (let index = 0; index < WARM_UP; index++) await request(mode);
  const started = performance.now();
  const first = await request(mode);
  assert.equal(first.rounds.length, 300, 'a full page of the newest rounds');
  assert.ok(first.rounds.every((round) => round.player.id === '1'));
  let last = first;
  let mongoCommands = first.perf.subgraphs.analytics!.mongoCommands;
  for (let index = 1; index < REQUESTS; index++) {
    last = await request(mode);
    mongoCommands += last.perf.subgraphs.analytics!.mongoCommands;
  }
  assert.deepEqual(
    last.rounds.map((round) => round.id),
    first.rounds.map((round) => round.id),
    'the same page every time',
  );
  return { first, last, mongoCommands, grownBytes: last.heap - first.heap, elapsedMs: performance.now() - started };
}

test('slow: every request leaves its page on the heap and a cache entry that never hits', async (t) => {
  const slow = await runTwin('slow');
  t.diagnostic(`slow: heap grown ${(slow.grownBytes / MB).toFixed(1)} MB over ${REQUESTS} requests`);
  const firstSpan = await scenarioSpan(slow.first.perf.traceId, 'slow');
  const lastSpan = await scenarioSpan(slow.last.perf.traceId, 'slow');
  assert.equal(firstSpan.data?.['scenario.memory-leak'], 'slow');
  assert.ok(slow.mongoCommands >= REQUESTS, `every slow request queries MongoDB (${slow.mongoCommands} commands)`);
  assert.equal(lastSpan.data?.['cache.hit'], false, `the page asked for ${REQUESTS} times never hits`);
  const entries = Number(lastSpan.data?.['cache.entries']) - Number(firstSpan.data?.['cache.entries']);
  assert.equal(entries, REQUESTS - 1, 'one more entry per request');
  assert.equal(lastSpan.data?.['memory_leak.capped'], false);
  assert.ok(Number(lastSpan.data?.['cache.size_bytes']) > 0);
  // 300 rounds of about 330 bytes per request: about 10 MB over 100 requests (100 MB per 1,000).
  assert.ok(slow.grownBytes >= 5 * MB, `slow grew the heap by ${(slow.grownBytes / MB).toFixed(1)} MB over ${REQUESTS} requests`);
});

test('fixed: the page is served from one bounded entry and the heap stays flat', async (t) => {
  const fixed = await runTwin('fixed');
  t.diagnostic(`fixed: heap grown ${(fixed.grownBytes / MB).toFixed(1)} MB over ${REQUESTS} requests`);
  // A page stays PAGE_TTL_MS: one query, then one refresh per expiry while the requests run (however slowly they run).
  const refreshes = Math.ceil(fixed.elapsedMs / PAGE_TTL_MS);
  assert.ok(
    fixed.mongoCommands <= 1 + refreshes,
    `fixed sent ${fixed.mongoCommands} MongoDB commands for ${REQUESTS} requests in ${Math.round(fixed.elapsedMs)} ms`,
  );
  assert.ok(fixed.mongoCommands < REQUESTS / 2, `most fixed requests are served from the cache (${fixed.mongoCommands} commands)`);
  const lastSpan = await scenarioSpan(fixed.last.perf.traceId, 'fixed');
  assert.equal(typeof lastSpan.data?.['cache.hit'], 'boolean');
  assert.equal(lastSpan.data?.['cache.entries'], 1);
  // 5 MB per 1,000 requests would be 0.5 MB here; leave room for what the SDK and the driver hold in passing.
  assert.ok(fixed.grownBytes <= 2 * MB, `fixed grew the heap by ${(fixed.grownBytes / MB).toFixed(1)} MB over ${REQUESTS} requests`);
});
