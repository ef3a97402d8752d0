/**
 * infinite-loop through the whole stack: the slow twin's walk never ends on the seeded data, and
 * users' loop guard stops it after LOOP_GUARD_MS (1,500 ms by default) with LOOP_GUARD_TRIPPED, an
 * error that reaches Sentry as an error event on the request's trace; users serves the next
 * request. The fixed twin answers the full profile, which PostgreSQL's own GROUP BY confirms.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import { blockedEventLoopEvents, waitForBlockedEventLoopEvent } from './blocked-event-loop.js';
import { SCENARIOS, type Mode } from '@trace-arcade/scenarios';
import type { SentrySpan, SentryTransaction } from '@trace-arcade/trace-detectors';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

const scenario = SCENARIOS.find((candidate) => candidate.name === 'infinite-loop')!;

/** users' default LOOP_GUARD_MS: the test stack does not set it. */
const GUARD_MS = 1_500;
/** What the request may take beyond the guard: the rounds' SELECT, the gateway and a busy 2-core machine. */
const MARGIN_MS = 3_000;

interface StakeLevel {
  betCents: number;
  rounds: number;
  payoutCents: number;
}
interface Answer {
  player: { id: string; stakeProfile: StakeLevel[] } | null;
}
let sink: SentryEnvelopeSink;
let stack: TestStack;

before(async () => {
  sink = new SentryEnvelopeSink();
  await sink.start();
  stack = await startTestStack({ env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '1' } });
});
after(async () => {
  await stack?.stop();
  await sink?.stop();
});

async function stakeProfile(mode: Mode, variables: Record<string, unknown> = {}) {
  const started = performance.now();
  const result = await stack.graphql<Answer>(
    scenario.operation,
    { ...scenario.variables, ...variables },
    { 'x-scenarios': `infinite-loop=${mode}` },
  );
  return { ...result, perf: parsePerfExtension(result.extensions?.['perf']), ms: performance.now() - started };
}

/** Player 1's profile as PostgreSQL computes it. */
async function profileFromDatabase(playerId: number): Promise<StakeLevel[]> {
  const client = new pg.Client({ connectionString: stack.databases.usersDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<StakeLevel>(
      `select bet_cents as "betCents", count(*)::int as rounds, sum(payout_cents)::int as "payoutCents"
         from rounds where player_id = $1 group by bet_cents order by bet_cents desc`,
      [playerId],
    );
    return rows;
  } finally {
    await client.end();
  }
}

async function usersTransaction(traceId: string): Promise<SentryTransaction> {
  const find = (transactions: SentryTransaction[]) =>
    transactions.find((t) => t.contexts.trace.trace_id === traceId && t.server_name === 'users' && t.transaction.includes('/graphql'));
  await sink.waitFor((transactions) => find(transactions) !== undefined);
  return find(sink.transactions)!;
}

function scenarioSpan(transaction: SentryTransaction): SentrySpan {
  const span = transaction.spans.find((candidate) => candidate.op === 'scenario');
  assert.ok(span, `expected a scenario span in the users transaction; got ops ${transaction.spans.map((s) => s.op).join(', ')}`);
  return span;
}

const durationMs = (span: { start_timestamp: number; timestamp: number }) => (span.timestamp - span.start_timestamp) * 1000;

test('fixed: the full stake profile, as the database groups it, fast and without error', async () => {
  const fixed = await stakeProfile('fixed');
  assert.equal(fixed.errors, undefined, JSON.stringify(fixed.errors));
  const expected = await profileFromDatabase(Number(scenario.variables.playerId));
  assert.ok(
    expected.some((level) => level.rounds >= scenario.variables.pageSize),
    'the seed has a bet size that fills a page: the data the slow walk loops on',
  );
  assert.deepEqual(fixed.data?.player?.stakeProfile, expected);
  assert.ok(fixed.perf.subgraphs.users!.ms < 500, `users took ${fixed.perf.subgraphs.users!.ms} ms`);
  const span = scenarioSpan(await usersTransaction(fixed.perf.traceId));
  assert.equal(span.description, 'infinite-loop (fixed)');
  assert.ok(durationMs(span) < 50, `the fixed walk's span lasted ${durationMs(span).toFixed(1)} ms`);
});

test("slow: LOOP_GUARD_TRIPPED after the guard's deadline, an error event on the same trace, and users serves the next request", async () => {
  const slow = await stakeProfile('slow');
  const error = slow.errors?.[0];
  assert.equal(slow.errors?.length, 1, JSON.stringify(slow.errors));
  assert.equal(error?.extensions?.['code'], 'LOOP_GUARD_TRIPPED');
  assert.match(
    error.message,
    /^stakeProfile: pagination made no progress after \d+ pages: the cursor did not advance past bet size \d+ for the last \d+ pages of 10 rounds \(a page made entirely of ties\); stopped by the loop guard after \d+ ms \(LOOP_GUARD_MS 1500\)$/,
  );
  assert.equal(slow.data, null, 'player is non-null: the error nulls the answer');
  console.log(`infinite-loop slow: answered LOOP_GUARD_TRIPPED after ${slow.ms.toFixed(0)} ms (users ${slow.perf.subgraphs.users!.ms} ms)`);
  assert.ok(slow.ms >= GUARD_MS && slow.ms < GUARD_MS + MARGIN_MS, `the slow request took ${slow.ms.toFixed(0)} ms`);
  assert.ok(slow.perf.subgraphs.users!.eventLoopDelay!.maxMs >= 500, JSON.stringify(slow.perf.subgraphs.users));

  // The process is still there and serving: the next request to users answers at once.
  const next = await stakeProfile('fixed');
  assert.equal(next.errors, undefined, JSON.stringify(next.errors));
  assert.ok(next.ms < 1_000, `the next request took ${next.ms.toFixed(0)} ms`);

  // Sentry gets the guard's error as an error event of users on the request's trace, once.
  const traceId = slow.perf.traceId;
  const event = await sink.waitForError(
    (candidate) => candidate.contexts?.trace?.trace_id === traceId && candidate.tags?.['graphql.error_code'] !== undefined,
  );
  assert.equal(event.server_name, 'users');
  assert.equal(event.level, 'error');
  assert.equal(event.tags?.['graphql.error_code'], 'LOOP_GUARD_TRIPPED');
  assert.equal(event.tags?.['service'], 'users');
  assert.equal(event.exception?.values?.at(-1)?.value, error.message);
  const transaction = await usersTransaction(traceId);
  const span = scenarioSpan(transaction);
  assert.equal(span.description, 'infinite-loop (slow)');
  assert.equal(span.data?.['scenario.infinite-loop'], 'slow');
  assert.ok(durationMs(span) >= GUARD_MS, `the slow walk's span lasted ${durationMs(span).toFixed(0)} ms`);
  // The trace's shape: the rounds are read once, before the walk; the walk itself calls nothing.
  const roundsQuery = transaction.spans.find(
    (candidate) => candidate.op === 'db' && String(candidate.description).includes('from "rounds"'),
  );
  assert.ok(roundsQuery, `a SELECT from rounds; got ${transaction.spans.map((s) => `${s.op} ${String(s.description)}`).join(' | ')}`);
  assert.ok(roundsQuery.timestamp <= span.start_timestamp + 0.001, 'the rounds are read before the walk starts');
  assert.deepEqual(
    transaction.spans.filter((candidate) => candidate.parent_span_id === span.span_id),
    [],
    'no child span under the walk',
  );
  console.log(`infinite-loop slow: users sent ${1 + transaction.spans.length} spans: ${transaction.spans.map((s) => s.op).join(', ')}`);
  // Beside the guard's error, the blocked event loop is reported too (its own test: blocked-event-loop.test.ts).
  await waitForBlockedEventLoopEvent(sink, traceId);
  const blocked = new Set<unknown>(blockedEventLoopEvents(sink, traceId));
  const onTrace = sink.errors.filter((candidate) => candidate.contexts?.trace?.trace_id === traceId && !blocked.has(candidate));
  assert.deepEqual(
    onTrace.map((candidate) => candidate.tags?.['graphql.error_code']),
    ['LOOP_GUARD_TRIPPED'],
    'the gateway relays the error without reporting it again',
  );
});

test('slow with pages larger than any bet size: the walk ends and answers what fixed answers', async () => {
  // The test data's largest bet size of player 1 holds 16 rounds: a page of 100 always reaches a smaller bet.
  const slow = await stakeProfile('slow', { pageSize: 100 });
  const fixed = await stakeProfile('fixed', { pageSize: 100 });
  assert.equal(slow.errors, undefined, JSON.stringify(slow.errors));
  assert.deepEqual(slow.data, fixed.data);
  assert.ok(slow.ms < GUARD_MS, `the slow walk took ${slow.ms.toFixed(0)} ms`);
});
