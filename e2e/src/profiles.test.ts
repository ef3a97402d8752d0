/**
 * CPU profiles end to end: with SENTRY_PROFILE_SESSION_SAMPLE_RATE=1 every service profiles while a
 * traced request runs, and the envelope sink receives `profile_chunk` items linked to the game
 * subgraph's transaction (its profiler id, samples within its time). The slow `cpu-rng` request's
 * hottest frame by self time is the prime search; the fixed request's profile has none of it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SCENARIO_HEADER, SCENARIOS, isolatedSelection } from '@trace-arcade/scenarios';
import type { SentryTransaction } from '@trace-arcade/trace-detectors';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import { frameName, selfTimeWithin, type FrameSelfTime, type ProfiledTransaction } from './cpu-profile.js';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

const CPU_RNG = SCENARIOS.find((scenario) => scenario.name === 'cpu-rng')!;
const NAMES = SCENARIOS.map((scenario) => scenario.name);

/**
 * The slow twin's prime search in the game subgraph's build: `isPrime`, the generator
 * `primeSearchRandomInt` returns (`primeSearchDraw`), into which V8 may inline `isPrime`.
 */
const PRIME_SEARCH_FUNCTIONS = new Set(['isPrime', 'primeSearchRandomInt', 'primeSearchDraw']);
function isPrimeSearch(frame: FrameSelfTime['frame']): boolean {
  return /subgraphs\/game\/dist\/scenarios\/cpu-rng\.js$/.test(frame.abs_path ?? '') && PRIME_SEARCH_FUNCTIONS.has(frame.function ?? '');
}

let sink: SentryEnvelopeSink;
let stack: TestStack;

before(async () => {
  sink = new SentryEnvelopeSink();
  await sink.start();
  stack = await startTestStack({
    env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '1', SENTRY_PROFILE_SESSION_SAMPLE_RATE: '1' },
  });
});
after(async () => {
  await stack?.stop();
  await sink?.stop();
});

/** Plays `cpu-rng` in `mode` with every other scenario fixed; returns the game transaction and its frames' self time. */
async function profiledFreePlay(mode: 'slow' | 'fixed'): Promise<{ game: SentryTransaction; selfTime: FrameSelfTime[] }> {
  const result = await stack.graphql(CPU_RNG.operation, CPU_RNG.variables, {
    [SCENARIO_HEADER]: isolatedSelection('cpu-rng', mode, NAMES),
  });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  const traceId = parsePerfExtension(result.extensions?.['perf']).traceId;
  const transactions = await sink.waitFor((all) => all.some((t) => t.server_name === 'game' && t.contexts.trace.trace_id === traceId));
  const game = transactions.find((t) => t.server_name === 'game' && t.contexts.trace.trace_id === traceId)!;
  const linked = game as unknown as ProfiledTransaction;
  const profilerId = linked.contexts.profile?.profiler_id;
  assert.match(String(profilerId), /^[0-9a-f]{32}$/, "the game transaction names its process's profiler");
  assert.ok(linked.contexts.trace.data?.['thread.id'] !== undefined, 'the game transaction names the thread it ran on');
  // The profiler stops, and sends its chunk, once the process's last traced span has ended.
  const deadline = Date.now() + 10_000;
  let selfTime = selfTimeWithin(sink.profileChunks, linked);
  while (mode === 'slow' && selfTime.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    selfTime = selfTimeWithin(sink.profileChunks, linked);
  }
  if (mode === 'fixed') {
    // A chunk still on its way would arrive within this time.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    selfTime = selfTimeWithin(sink.profileChunks, linked);
  }
  return { game, selfTime };
}

test('a slow cpu-rng request sends a profile linked to its trace whose hottest frame is the prime search; the fixed one does not', async () => {
  const slow = await profiledFreePlay('slow');
  const top = (list: FrameSelfTime[]) =>
    list
      .slice(0, 5)
      .map((entry) => `${entry.name} ${entry.ms.toFixed(0)} ms`)
      .join(' | ');
  assert.ok(slow.selfTime.length > 0, 'a profile chunk has samples within the slow game transaction');
  const hottest = slow.selfTime[0]!;
  assert.ok(isPrimeSearch(hottest.frame), `the hottest frame is the prime search; got ${top(slow.selfTime)}`);
  const primeMs = slow.selfTime.filter((entry) => isPrimeSearch(entry.frame)).reduce((sum, entry) => sum + entry.ms, 0);
  const transactionMs = (slow.game.timestamp - slow.game.start_timestamp) * 1000;
  assert.ok(
    primeMs >= 0.3 * transactionMs,
    `the prime search takes ${primeMs.toFixed(0)} of the transaction's ${transactionMs.toFixed(0)} ms`,
  );

  const fixed = await profiledFreePlay('fixed');
  const fixedPrimeMs = fixed.selfTime.filter((entry) => isPrimeSearch(entry.frame)).reduce((sum, entry) => sum + entry.ms, 0);
  assert.equal(fixedPrimeMs, 0, `no time in the prime search within the fixed request; got ${top(fixed.selfTime)}`);
  if (fixed.selfTime[0]) assert.ok(!isPrimeSearch(fixed.selfTime[0].frame), frameName(fixed.selfTime[0].frame));
});
