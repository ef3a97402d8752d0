import assert from 'node:assert/strict';
import { test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { ApolloServer } from '@apollo/server';
import { ScenarioSelection, scenarioDefaults } from '@trace-arcade/scenarios';
import { GraphQLError, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { RequestCost } from './request-cost.js';
import { createRequestScope, runsSlowVariant, runVariant, type RequestScope } from './request-scope.js';
import { scopeRootFields } from './root-field-scope.js';
import { SlowVariantCpuBudget } from './slow-variant-cpu-budget.js';
import { SlowVariantLimit, slowVariantLimitPlugin } from './slow-variant-limit.js';
import { unitOfWorkTraceId } from './unit-of-work.js';

/** One request's scope; `traceId`: the trace (unit of work) it belongs to, none by default (a unit of its own). */
function scope(limit: SlowVariantLimit, header: string, traceId?: string): RequestScope {
  return {
    scenarios: new ScenarioSelection(
      scenarioDefaults('n-plus-one=fixed,cpu-rng=fixed,slow-aggregation=fixed,payment-latency=fixed'),
      header,
    ),
    cost: new RequestCost({}),
    slowVariants: limit.ticket(traceId),
  };
}

const TRACE_A = 'a'.repeat(32);
const TRACE_B = 'b'.repeat(32);

function isBusy(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions['code'] === 'SLOW_VARIANT_BUSY';
}

test('beyond the limit a request that runs a slow variant is refused at once with a message that says why', () => {
  const limit = new SlowVariantLimit('users', 2);
  const [first, second, third] = [1, 2, 3].map(() => scope(limit, 'n-plus-one=slow', TRACE_A));
  assert.equal(runsSlowVariant(first!, 'n-plus-one'), true);
  assert.equal(runsSlowVariant(second!, 'n-plus-one'), true);
  assert.equal(limit.inFlight, 2);
  assert.throws(
    () => runsSlowVariant(third!, 'n-plus-one'),
    (error: unknown) =>
      isBusy(error) &&
      (error as GraphQLError).message ===
        'at most 2 slow-variant calls at once in users; got one more (n-plus-one=slow): retry shortly or use the fixed variant',
  );
  assert.equal(limit.inFlight, 2, 'the refused request took no slot');

  first!.slowVariants!.close();
  assert.equal(limit.inFlight, 1);
  assert.equal(runsSlowVariant(scope(limit, 'n-plus-one=slow', TRACE_A), 'n-plus-one'), true, 'a freed slot is taken by the next request');
});

const heldMessage = (calls: string, scenario = 'n-plus-one') =>
  `slow variants in users run for one unit of work (one trace) at a time; another one holds them with ${calls} in flight; ` +
  `got ${scenario}=slow: retry shortly or use the fixed variant`;

test('one unit of work at a time: while one trace holds the slow slots, a call of another trace is refused at once', () => {
  const limit = new SlowVariantLimit('users', 4);
  const owner = scope(limit, 'n-plus-one=slow', TRACE_A);
  assert.equal(runsSlowVariant(owner, 'n-plus-one'), true);
  const other = scope(limit, 'n-plus-one=slow', TRACE_B);
  assert.throws(
    () => runsSlowVariant(other, 'n-plus-one'),
    (error: unknown) =>
      isBusy(error) &&
      (error as GraphQLError).message === heldMessage('1 slow-variant call') &&
      !(error as GraphQLError).message.includes(TRACE_A) &&
      (error as GraphQLError).extensions['inFlight'] === 1,
  );
  assert.equal(limit.inFlight, 1, 'slots were free, but the other trace took none');
  assert.throws(() => runsSlowVariant(scope(limit, 'n-plus-one=slow'), 'n-plus-one'), isBusy, 'nor does a request without a trace');
  assert.equal(
    runsSlowVariant(scope(limit, 'n-plus-one=fixed', TRACE_B), 'n-plus-one'),
    false,
    'the other trace runs its fixed twin freely',
  );
});

test("the owning trace's calls are admitted up to the limit, from separate requests at once (the panel's 8 concurrent bets)", () => {
  const limit = new SlowVariantLimit('game', 8);
  const bets = Array.from({ length: 9 }, () => scope(limit, 'pool-exhaustion=slow', TRACE_A));
  for (const bet of bets.slice(0, 8)) assert.equal(runsSlowVariant(bet, 'pool-exhaustion'), true);
  assert.equal(limit.inFlight, 8);
  assert.throws(
    () => runsSlowVariant(bets[8]!, 'pool-exhaustion'),
    (error: unknown) =>
      isBusy(error) &&
      (error as GraphQLError).message ===
        'at most 8 slow-variant calls at once in game; got one more (pool-exhaustion=slow): retry shortly or use the fixed variant',
  );
  assert.throws(
    () => runsSlowVariant(scope(limit, 'pool-exhaustion=slow', TRACE_B), 'pool-exhaustion'),
    (error: unknown) => isBusy(error) && /another one holds them with 8 slow-variant calls in flight/.test((error as GraphQLError).message),
  );
});

test("the hold ends when the owner's last slow call is answered; then another trace may take it", () => {
  const limit = new SlowVariantLimit('analytics', 4);
  const [first, second] = [1, 2].map(() => scope(limit, 'slow-aggregation=slow', TRACE_A));
  runsSlowVariant(first!, 'slow-aggregation');
  runsSlowVariant(second!, 'slow-aggregation');
  first!.slowVariants!.close();
  assert.throws(
    () => runsSlowVariant(scope(limit, 'slow-aggregation=slow', TRACE_B), 'slow-aggregation'),
    isBusy,
    'one call still in flight',
  );
  second!.slowVariants!.close();
  assert.equal(limit.inFlight, 0);
  const next = scope(limit, 'slow-aggregation=slow', TRACE_B);
  assert.equal(runsSlowVariant(next, 'slow-aggregation'), true, 'the other trace owns the slots now');
  assert.throws(
    () => runsSlowVariant(scope(limit, 'slow-aggregation=slow', TRACE_A), 'slow-aggregation'),
    isBusy,
    'and the first one waits',
  );
  next.slowVariants!.close();
  assert.equal(
    runsSlowVariant(scope(limit, 'slow-aggregation=slow', TRACE_A), 'slow-aggregation'),
    true,
    'a unit sent one request at a time goes on',
  );
});

test('without a trace every request is a unit of its own: one slow request at a time, each with its root fields', async () => {
  const limit = new SlowVariantLimit('users', 4);
  const first = scope(limit, 'n-plus-one=slow');
  runsSlowVariant(first, 'n-plus-one');
  assert.throws(() => runsSlowVariant(scope(limit, 'n-plus-one=slow'), 'n-plus-one'), isBusy);
  first.slowVariants!.close();

  const { server, run } = await usersServer(limit, 0);
  try {
    const result = await run(`{ r0: rounds r1: rounds r2: rounds }`, 'n-plus-one=slow');
    assert.equal(busyCodes(result), 0, 'the root fields of one request share its unit');
    assert.deepEqual({ ...result?.data }, { r0: 200, r1: 200, r2: 200 });
  } finally {
    await server.stop();
  }
  assert.equal(limit.inFlight, 0);
});

test("the unit of work is read from the headers: the gateway's x-unit-of-work, else sentry-trace or traceparent, else none", () => {
  const span = 'cd'.repeat(8);
  assert.equal(unitOfWorkTraceId({ 'x-unit-of-work': TRACE_A, 'sentry-trace': `${TRACE_B}-${span}-1` }), TRACE_A);
  assert.equal(unitOfWorkTraceId({ 'sentry-trace': `${TRACE_B}-${span}-0` }), TRACE_B, 'a sampled-out trace still has its id');
  assert.equal(unitOfWorkTraceId({ 'sentry-trace': `${TRACE_B}-${span}` }), TRACE_B);
  assert.equal(unitOfWorkTraceId({ traceparent: `00-${TRACE_B}-${span}-00` }), TRACE_B);
  assert.equal(unitOfWorkTraceId({}), undefined);
  assert.equal(unitOfWorkTraceId({ 'x-unit-of-work': 'nope', 'sentry-trace': '0'.repeat(32) + `-${span}-1` }), undefined);

  const limit = new SlowVariantLimit('users', 4);
  const defaults = scenarioDefaults(undefined);
  const owner = createRequestScope({ 'x-scenarios': 'n-plus-one=slow', 'x-unit-of-work': TRACE_A }, defaults, limit);
  runsSlowVariant(owner, 'n-plus-one');
  const sameTrace = createRequestScope({ 'x-scenarios': 'n-plus-one=slow', 'sentry-trace': `${TRACE_A}-${span}-0` }, defaults, limit);
  assert.equal(runsSlowVariant(sameTrace, 'n-plus-one'), true);
  assert.throws(() => runsSlowVariant(createRequestScope({ 'x-scenarios': 'n-plus-one=slow' }, defaults, limit), 'n-plus-one'), isBusy);
});

test('a request takes one slot however many slow resolvers it runs, and gives it back once', () => {
  const limit = new SlowVariantLimit('game', 1);
  const request = scope(limit, 'n-plus-one=slow,payment-latency=slow,cpu-rng=slow');
  for (let i = 0; i < 200; i++) runsSlowVariant(request, 'n-plus-one');
  runsSlowVariant(request, 'payment-latency');
  runsSlowVariant(request, 'cpu-rng');
  assert.equal(limit.inFlight, 1);
  request.slowVariants!.close();
  request.slowVariants!.close();
  assert.equal(limit.inFlight, 0);
  assert.throws(() => runsSlowVariant(request, 'n-plus-one'), isBusy, 'an answered request runs no more slow work');
  assert.equal(limit.inFlight, 0);
});

test('fixed variants and scenarios of other services never count', () => {
  const limit = new SlowVariantLimit('users', 1);
  const holder = scope(limit, 'n-plus-one=slow');
  runsSlowVariant(holder, 'n-plus-one');
  assert.equal(limit.inFlight, 1);

  const fixed = scope(limit, 'n-plus-one=fixed,cpu-rng=slow');
  assert.equal(runsSlowVariant(fixed, 'n-plus-one'), false);
  // cpu-rng lives in game: the users service does not count it, even when its code asks.
  assert.equal(runsSlowVariant(fixed, 'cpu-rng'), true);
  assert.equal(runVariant(fixed, 'n-plus-one', { slow: () => 'slow', fixed: () => 'fixed', yours: () => 'yours' }), 'fixed');
  assert.equal(limit.inFlight, 1);
});

test('a refused request stays refused: none of its resolvers does slow work, and it frees no slot it never had', () => {
  const limit = new SlowVariantLimit('analytics', 1);
  const holder = scope(limit, 'slow-aggregation=slow');
  runsSlowVariant(holder, 'slow-aggregation');
  const refused = scope(limit, 'slow-aggregation=slow');
  assert.throws(() => runsSlowVariant(refused, 'slow-aggregation'), isBusy);
  holder.slowVariants!.close();
  assert.throws(() => runsSlowVariant(refused, 'slow-aggregation'), isBusy, 'still refused after a slot freed up');
  refused.slowVariants!.close();
  assert.equal(limit.inFlight, 0);
});

test('freeCalls: a request whose slow path runs once (one entity reference) does not count; from its second call it does', () => {
  const limit = new SlowVariantLimit('game', 1);
  const holder = scope(limit, 'n-plus-one=slow');
  runsSlowVariant(holder, 'payment-latency');
  assert.equal(limit.inFlight, 0, 'payment-latency is fixed here: nothing taken');
  runsSlowVariant(scope(limit, 'payment-latency=slow'), 'payment-latency');
  assert.equal(limit.inFlight, 1);

  const single = scope(limit, 'n-plus-one=slow');
  assert.equal(runsSlowVariant(single, 'n-plus-one', { freeCalls: 1 }), true, 'one reference runs even with every slot taken');
  assert.throws(() => runsSlowVariant(single, 'n-plus-one', { freeCalls: 1 }), isBusy, 'the second one is an N+1: it counts');
});

test('runVariant counts only the slow twin', () => {
  const limit = new SlowVariantLimit('game', 1);
  const slow = scope(limit, 'payment-latency=slow');
  assert.equal(runVariant(slow, 'payment-latency', { slow: () => 'slow', fixed: () => 'fixed', yours: () => 'yours' }), 'slow');
  assert.equal(limit.inFlight, 1);
  const other = scope(limit, 'payment-latency=slow');
  assert.throws(() => runVariant(other, 'payment-latency', { slow: () => 'slow', fixed: () => 'fixed', yours: () => 'yours' }), isBusy);
  const fixed = scope(limit, 'payment-latency=fixed');
  assert.equal(runVariant(fixed, 'payment-latency', { slow: () => 'slow', fixed: () => 'fixed', yours: () => 'yours' }), 'fixed');
});

test("runVariant runs the workshop attendee's version for mode yours, admitted as the slow twin is", () => {
  const limit = new SlowVariantLimit('game', 1);
  const twins = { slow: () => 'slow', fixed: () => 'fixed', yours: () => 'yours' };
  assert.equal(runVariant(scope(limit, 'payment-latency=yours'), 'payment-latency', twins), 'yours');
  assert.equal(limit.inFlight, 1, "it holds a slow-variant slot: the attendee's version may still be slow");
  assert.throws(() => runVariant(scope(limit, 'payment-latency=yours'), 'payment-latency', twins), isBusy);
});

test('runVariant with freeCalls: the first reference runs slow even with every slot taken, the second counts', () => {
  const limit = new SlowVariantLimit('game', 1);
  runVariant(scope(limit, 'payment-latency=slow'), 'payment-latency', { slow: () => 'slow', fixed: () => 'fixed', yours: () => 'yours' });
  assert.equal(limit.inFlight, 1);
  const references = scope(limit, 'n-plus-one=slow');
  const twins = { slow: () => 'slow', fixed: () => 'fixed', yours: () => 'yours' };
  assert.equal(runVariant(references, 'n-plus-one', twins, { freeCalls: 1, span: false }), 'slow');
  assert.throws(() => runVariant(references, 'n-plus-one', twins, { freeCalls: 1, span: false }), isBusy);
  assert.equal(runVariant(scope(limit, 'n-plus-one=fixed'), 'n-plus-one', twins, { freeCalls: 1, span: false }), 'fixed');
});

test('through Apollo: a burst of slow requests is capped, fixed ones pass, every slot is free once they are answered', async () => {
  const limit = new SlowVariantLimit('users', 2);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const server = new ApolloServer<RequestScope>({
    typeDefs: 'type Query { rounds: Int! }',
    resolvers: {
      Query: {
        rounds: async (_: unknown, __: unknown, context: RequestScope) => {
          if (!runsSlowVariant(context, 'n-plus-one')) return 1;
          await gate; // the slow work, still running while the others arrive
          return 200;
        },
      },
    },
    plugins: [slowVariantLimitPlugin()],
  });
  await server.start();
  try {
    // One unit of work (one trace) sending 5 requests at once: its per-call limit holds.
    const run = (header: string) => server.executeOperation({ query: '{ rounds }' }, { contextValue: scope(limit, header, TRACE_A) });
    const slow = [1, 2, 3, 4, 5].map(() => run('n-plus-one=slow'));
    const fixed = await run('n-plus-one=fixed');
    assert.equal(limit.inFlight, 2, 'two slow requests hold the slots while they run');
    assert.equal(fixed.body.kind === 'single' && fixed.body.singleResult.data?.['rounds'], 1, 'a fixed request is never refused');
    release();
    const answers = await Promise.all(slow);
    const results = answers.map((answer) => (answer.body.kind === 'single' ? answer.body.singleResult : undefined));
    assert.equal(results.filter((result) => result?.data?.['rounds'] === 200).length, 2);
    const refused = results.filter((result) => result?.errors?.[0]?.extensions?.['code'] === 'SLOW_VARIANT_BUSY');
    assert.equal(refused.length, 3);
    assert.match(String(refused[0]!.errors![0]!.message), /^at most 2 slow-variant calls at once in users; got one more/);
    assert.equal(limit.inFlight, 0, 'every slot is free again');
  } finally {
    await server.stop();
  }
});

test('a limit below 1 is refused at construction', () => {
  assert.throws(() => new SlowVariantLimit('users', 0), /expected a whole number from 1; got 0/);
});

/** Busy-waits `ms` on the event loop: what a blocking slow variant does. */
function block(ms: number): string {
  const until = performance.now() + ms;
  while (performance.now() < until);
  return 'blocked';
}

/** A users subgraph of one field, run through Apollo with `scopeRootFields`, its slow twin blocking `blockMs`. */
async function usersServer(limit: SlowVariantLimit, blockMs: number) {
  const query = new GraphQLObjectType<unknown, RequestScope>({
    name: 'Query',
    fields: {
      // Nullable, as the real fields are: a refused alias is null beside the others.
      check: {
        type: GraphQLString,
        args: { name: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_, __, context) =>
          runVariant(context, 'regex-backtracking', { slow: () => block(blockMs), fixed: () => 'linear', yours: () => 'linear' }),
      },
      rounds: {
        type: GraphQLInt,
        resolve: async (_, __, context) => {
          if (!runsSlowVariant(context, 'n-plus-one')) return 1;
          await new Promise((resolve) => setTimeout(resolve, 20)); // the slow work, awaited
          return 200;
        },
      },
    },
  });
  const schema = scopeRootFields(new GraphQLSchema({ query }));
  const server = new ApolloServer<RequestScope>({ schema, plugins: [slowVariantLimitPlugin()] });
  await server.start();
  return {
    server,
    run: async (query: string, header: string) => {
      const answer = await server.executeOperation({ query }, { contextValue: scope(limit, header) });
      return answer.body.kind === 'single' ? answer.body.singleResult : undefined;
    },
  };
}

const busyCodes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] } | undefined) =>
  (result?.errors ?? []).filter((error) => error.extensions?.['code'] === 'SLOW_VARIANT_BUSY').length;

test('per call: each alias of a slow root field takes its own slot; nested runs under one alias share it', async () => {
  const limit = new SlowVariantLimit('users', 2);
  const { server, run } = await usersServer(limit, 0);
  try {
    const aliases = Array.from({ length: 5 }, (_, i) => `r${i}: rounds`).join(' ');
    const result = await run(`{ ${aliases} }`, 'n-plus-one=slow');
    assert.equal(Object.values(result?.data ?? {}).filter((value) => value === 200).length, 2, 'two aliases ran slow');
    assert.equal(busyCodes(result), 3, 'the three others were refused');
    assert.match(String(result!.errors![0]!.message), /^at most 2 slow-variant calls at once in users; got one more \(n-plus-one=slow\)/);
    assert.equal(limit.inFlight, 0, 'every slot given back with the answer');
  } finally {
    await server.stop();
  }
});

test('a blocking slow variant is admitted per run by the CPU budget: 15 aliases run once, the rest are refused at once', async () => {
  const budget = new SlowVariantCpuBudget(50, 60_000);
  const limit = new SlowVariantLimit('users', 4, budget);
  const { server, run } = await usersServer(limit, 60);
  try {
    const aliases = Array.from({ length: 15 }, (_, i) => `c${i}: check(name: "x")`).join(' ');
    const started = performance.now();
    const result = await run(`{ ${aliases} }`, 'regex-backtracking=slow');
    const ms = performance.now() - started;
    assert.equal(Object.values(result?.data ?? {}).filter((value) => value === 'blocked').length, 1, 'one run on an idle service');
    assert.equal(busyCodes(result), 14);
    assert.ok(ms < 14 * 60, `refused ones did no slow work: ${ms.toFixed(0)} ms for the request`);
    assert.ok(budget.spentMs() >= 60, `the run was measured: ${budget.spentMs()} ms`);
    const refusal = result!.errors!.find((error) => error.extensions?.['code'] === 'SLOW_VARIANT_BUSY')!;
    assert.match(
      refusal.message,
      /^at most 50 ms of event-loop time per 60 s for slow variants that block it in users; got one more \(regex-backtracking=slow\) with \d+ ms spent or admitted: retry in 60 s or use the fixed variant$/,
    );
    const retryAfterMs = Number(refusal.extensions?.['retryAfterMs']);
    assert.ok(retryAfterMs > 59_000 && retryAfterMs <= 60_000, `the run slides out of the window in about 60 s: ${retryAfterMs}`);
    assert.equal(limit.inFlight, 0, 'blocking runs take no concurrency slot');
    const fixed = await run(`{ ${aliases} }`, 'regex-backtracking=fixed');
    assert.equal(Object.values(fixed?.data ?? {}).filter((value) => value === 'linear').length, 15, 'the fixed twin is never refused');
  } finally {
    await server.stop();
  }
});

test('a reserved blocking run (a bet reserving its draw) is counted while it waits, used by the next run, and given back if never run', () => {
  const budget = new SlowVariantCpuBudget(10, 60_000);
  const limit = new SlowVariantLimit('game', 8, budget);
  const bet = scope(limit, 'cpu-rng=slow');
  assert.equal(runsSlowVariant(bet, 'cpu-rng'), true, 'reserved on an idle service');
  assert.equal(budget.pendingMs(), 10, 'a run of unknown cost counts as the whole budget until measured');
  assert.throws(() => runsSlowVariant(scope(limit, 'cpu-rng=slow'), 'cpu-rng'), isBusy, 'another bet is refused meanwhile');
  assert.equal(
    runVariant(bet, 'cpu-rng', { slow: () => block(15), fixed: () => 'fixed', yours: () => 'yours' }),
    'blocked',
    'the reservation is used',
  );
  assert.equal(budget.pendingMs(), 0);
  assert.ok(budget.spentMs() >= 15);

  const idle = new SlowVariantCpuBudget(10, 60_000);
  const unused = scope(new SlowVariantLimit('game', 8, idle), 'cpu-rng=slow');
  runsSlowVariant(unused, 'cpu-rng');
  unused.slowVariants!.close();
  assert.equal(idle.pendingMs(), 0, 'a bet that failed before its draw gives its admission back');
});
