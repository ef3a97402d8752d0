/**
 * Scenario pool-exhaustion through the gateway with tracing on: where the bet's transaction begins
 * against the payment provider's calls in the trace, the wait for the bet pool's connection
 * (`extensions.perf` and the acquire span), and what 10 bets at once cost in either variant.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { SCENARIOS, isolatedSelection, percentileOfSamples, type Mode } from '@trace-arcade/scenarios';
import type { SentrySpan, SentryTransaction } from '@trace-arcade/trace-detectors';
import { parsePerfExtension, type PerfExtension } from '@trace-arcade/service-runtime';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

/**
 * Long against what a bet costs besides the payment calls, even on a busy 2-core machine, so that
 * the ratio is about the pool: at a load average of 28, 10 fixed bets at once took about 700 ms
 * more than the payment calls (CPU), the slow ones, which the pool runs one after another, about
 * 40 ms a bet more. 10 slow bets queue for about 10 s.
 */
const PAYMENT_LATENCY_MS = 1000;
const CONCURRENT_BETS = 10;
const scenario = SCENARIOS.find((candidate) => candidate.name === 'pool-exhaustion')!;

interface Bet {
  perf: PerfExtension;
  wallMs: number;
}

let sink: SentryEnvelopeSink;
let stack: TestStack;

before(async () => {
  sink = new SentryEnvelopeSink();
  await sink.start();
  // BET_POOL_SIZE stays at its default (1). 10 slow bets at once must all be admitted (the game's
  // slow-variant limit is 8 by default), and the last one, queued behind 9 charges of about 1 s,
  // must get its connection (10 s by default) and its answer (15 s by default) in time.
  stack = await startTestStack({
    env: {
      SENTRY_DSN: sink.dsn,
      PAYMENT_LATENCY_MS: String(PAYMENT_LATENCY_MS),
      SLOW_VARIANT_CONCURRENCY: String(CONCURRENT_BETS),
      BET_POOL_TIMEOUT_MS: '30000',
      GAME_TIMEOUT_MS: '60000',
    },
  });
});
after(async () => {
  await stack?.stop();
  await sink?.stop();
});

/**
 * A trace the client decided not to sample (the `-0` of `sentry-trace`): every service follows the
 * decision, so the timing is the application's, without the SDK's work for 10 traces at once.
 */
const UNSAMPLED = { 'sentry-trace': `${'ab'.repeat(16)}-${'cd'.repeat(8)}-0` };

/**
 * One bet as the panel sends it: this scenario in `mode`, every other one fixed. `player`: bets at
 * once come from different players, as they would; one player's bets would queue for the player's
 * wallet row in users as well, in either variant.
 */
async function bet(mode: Mode, headers: Record<string, string> = {}, player?: number): Promise<Bet> {
  const startedAt = performance.now();
  const variables = player === undefined ? scenario.variables : { input: { ...scenario.variables.input, playerId: String(player) } };
  const result = await stack.graphql(scenario.operation, variables, {
    ...headers,
    'x-scenarios': isolatedSelection(
      'pool-exhaustion',
      mode,
      SCENARIOS.map((s) => s.name),
    ),
  });
  const wallMs = performance.now() - startedAt;
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return { perf: parsePerfExtension(result.extensions?.['perf']), wallMs };
}

const median = (values: readonly number[]) => percentileOfSamples(values, 50);
const ms = (seconds: number) => seconds * 1000;

/** The game's `count` transactions of one trace, once the SDK has sent them. */
async function gameTransactions(traceId: string, count: number): Promise<SentryTransaction[]> {
  const mine = (transactions: SentryTransaction[]) =>
    transactions.filter((t) => t.contexts.trace.trace_id === traceId && t.server_name === 'game' && t.transaction.includes('/graphql'));
  await sink.waitFor((transactions) => mine(transactions).length >= count);
  return mine(sink.transactions);
}

/** The game's transaction of one trace, once the SDK has sent it. */
async function gameTransaction(traceId: string): Promise<SentryTransaction> {
  const mine = (transactions: SentryTransaction[]) =>
    transactions.find((t) => t.contexts.trace.trace_id === traceId && t.server_name === 'game' && t.transaction.includes('/graphql'));
  await sink.waitFor((transactions) => mine(transactions) !== undefined);
  return mine(sink.transactions)!;
}

/** The spans that tell the story: the acquire, the transaction's BEGIN and COMMIT, and the calls to the payment provider. */
function shapeOf(transaction: SentryTransaction) {
  const spans = transaction.spans;
  const one = (what: string, predicate: (span: SentrySpan) => boolean) => {
    const found = spans.filter(predicate);
    assert.equal(found.length, 1, `one ${what} span; got ${found.map((s) => `${s.op} ${s.description}`).join(', ') || 'none'}`);
    return found[0]!;
  };
  const payments = spans.filter(
    (span) => span.op === 'http.client' && (span.description ?? '').includes(`127.0.0.1:${stack.ports.paymentProvider}/v1/`),
  );
  assert.equal(payments.length, 5, 'the five calls to the payment provider');
  return {
    acquire: one('db.connection.acquire', (span) => span.op === 'db.connection.acquire'),
    begin: one('BEGIN', (span) => span.op === 'db' && /^begin$/i.test(span.description ?? '')),
    commit: one('COMMIT', (span) => span.op === 'db' && /^commit$/i.test(span.description ?? '')),
    paymentsStart: Math.min(...payments.map((span) => span.start_timestamp)),
    paymentsEnd: Math.max(...payments.map((span) => span.timestamp)),
  };
}

describe('pool-exhaustion', () => {
  test('slow: the bet pool connection is taken before the payment calls and the transaction spans them; fixed: taken after', async () => {
    const slow = shapeOf(await gameTransaction((await bet('slow')).perf.traceId));
    assert.equal(slow.acquire.description, 'acquire a connection (bet pool)');
    assert.equal(slow.acquire.data?.['db.client.connection.pool.name'], 'bet');
    assert.equal(slow.acquire.data?.['db.client.connection.max'], 1, 'BET_POOL_SIZE is 1 by default');
    assert.ok(slow.acquire.timestamp <= slow.begin.start_timestamp, 'the connection is acquired, then BEGIN');
    assert.ok(slow.begin.timestamp <= slow.paymentsStart, 'BEGIN before the first payment call');
    assert.ok(slow.commit.start_timestamp >= slow.paymentsEnd, 'COMMIT after the last payment call');
    assert.ok(
      ms(slow.commit.timestamp - slow.begin.start_timestamp) >= PAYMENT_LATENCY_MS,
      'the transaction stays open for the whole charge',
    );

    const fixed = shapeOf(await gameTransaction((await bet('fixed')).perf.traceId));
    assert.ok(fixed.acquire.start_timestamp >= fixed.paymentsEnd, 'the connection is asked for once the payment calls are over');
    assert.ok(fixed.begin.start_timestamp >= fixed.paymentsEnd, 'BEGIN after the last payment call');
    assert.ok(
      ms(fixed.commit.timestamp - fixed.begin.start_timestamp) < PAYMENT_LATENCY_MS / 3,
      `the fixed transaction lasts ${ms(fixed.commit.timestamp - fixed.begin.start_timestamp)} ms, only the writes`,
    );
  });

  test('a bet that waits for the connection shows the wait: the acquire span lasts poolWaitMs and says how many were in use', async () => {
    // One trace for both, as the panel sends a unit: the game runs slow variants one unit of work at a time.
    const click = { 'sentry-trace': `${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-1` };
    const [first, second] = await Promise.all([bet('slow', click), bet('slow', click)]);
    const waited = [first, second].reduce((a, b) => (b.perf.subgraphs.game!.poolWaitMs! > a.perf.subgraphs.game!.poolWaitMs! ? b : a));
    const wait = waited.perf.subgraphs.game!.poolWaitMs!;
    assert.ok(wait >= 0.9 * PAYMENT_LATENCY_MS, `the second bet waited ${wait} ms for the first one's charge`);
    // The trace holds both bets' game transactions: the one that waited has the longer acquire.
    const acquires = (await gameTransactions(waited.perf.traceId, 2)).map((transaction) => shapeOf(transaction).acquire);
    const acquire = acquires.reduce((a, b) => (b.timestamp - b.start_timestamp > a.timestamp - a.start_timestamp ? b : a));
    const spanMs = ms(acquire.timestamp - acquire.start_timestamp);
    assert.ok(Math.abs(spanMs - wait) < 50, `acquire span ${spanMs} ms, poolWaitMs ${wait}`);
    assert.ok(Math.abs((acquire.data?.['db.client.connection.wait_time_ms'] as number) - wait) < 1);
    assert.equal(acquire.data?.['db.client.connection.in_use'], 1, 'it asked while the one connection was in use');
  });

  test(`${CONCURRENT_BETS} bets at once: slow ones queue for the connection (poolWaitMs); p50 slow >= 3x fixed`, async (t) => {
    await Promise.all([bet('slow', UNSAMPLED), bet('fixed', UNSAMPLED)]); // the code paths warm
    const slow = await Promise.all(Array.from({ length: CONCURRENT_BETS }, (_, i) => bet('slow', UNSAMPLED, 21 + i)));
    const fixed = await Promise.all(Array.from({ length: CONCURRENT_BETS }, (_, i) => bet('fixed', UNSAMPLED, 21 + i)));

    const waits = (bets: Bet[]) => bets.map((b) => b.perf.subgraphs.game!.poolWaitMs!).sort((a, b) => a - b);
    const slowWaits = waits(slow);
    const fixedWaits = waits(fixed);
    const slowP50 = median(slow.map((b) => b.wallMs));
    const fixedP50 = median(fixed.map((b) => b.wallMs));
    t.diagnostic(
      `p50 slow ${Math.round(slowP50)} ms, fixed ${Math.round(fixedP50)} ms; pool waits slow ${slowWaits.join(', ')}; fixed ${fixedWaits.join(', ')}`,
    );
    // One connection: the bets take it one after another, each for the length of its charge.
    assert.ok(slowWaits.at(-1)! >= (CONCURRENT_BETS - 2) * PAYMENT_LATENCY_MS, `slow waits: ${slowWaits.join(', ')} ms`);
    assert.ok(median(slowWaits) >= 3 * PAYMENT_LATENCY_MS, `slow waits: ${slowWaits.join(', ')} ms`);
    // Fixed bets wait only for the others' writes, milliseconds each.
    assert.ok(fixedWaits.at(-1)! < PAYMENT_LATENCY_MS, `fixed waits: ${fixedWaits.join(', ')} ms`);
    assert.ok(slowP50 >= 3 * fixedP50, `p50 slow ${Math.round(slowP50)} ms, fixed ${Math.round(fixedP50)} ms`);
  });
});
