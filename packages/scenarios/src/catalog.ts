/**
 * The one declaration of every performance scenario. The gateway serves it at `GET /scenarios`;
 * services read modes through `ScenarioSelection`; the docs, the load generator, the benchmark
 * and the tests all start from here. Nothing else invents scenario names.
 */

export const MODES = ['slow', 'fixed'] as const;
export type Mode = (typeof MODES)[number];

/**
 * The modes a request can pick: the two twins, and `yours`, the workshop attendee's own version of
 * the fix (packages/scenarios/src/exercises.ts). Defaults, the panel's comparisons and the
 * benchmarks use `MODES`; only a request asks for `yours`.
 */
export const VARIANT_MODES = [...MODES, 'yours'] as const;
export type VariantMode = (typeof VARIANT_MODES)[number];

/** The kinds of thing Sentry shows for a trace (the panel's findings; `@trace-arcade/trace-detectors` judges them). */
export type SentrySignal = 'performance-issue' | 'blocked-event-loop' | 'error' | 'metric';

/**
 * A metric alert over a trace-connected metric (`Sentry.metrics.*`): the unit's values of `metric`
 * reduced by `aggregate` are a finding when above `above` (in `unit`). These become the project's
 * alert rules; the panel and the tests read them from here and invent none.
 */
export interface MetricAlert {
  metric: string;
  /** `max`; nearest-rank `p95`; `growth`: per service, the summed rises of the readings' floor over six windows of the run. */
  aggregate: 'max' | 'p95' | 'growth';
  above: number;
  unit: 'millisecond' | 'byte' | 'none';
  /** Where in Sentry the audience would look. */
  where: string;
}

/** What Sentry shows for the slow twin's unit of work (the fixed twin's shows none of it). */
export interface SentryShows {
  /** The kinds of finding the slow twin raises. */
  signals: readonly SentrySignal[];
  /** The metric alerts the scenario declares (kind `metric`). */
  alerts: readonly MetricAlert[];
  /** Where to look in Sentry, in one line for the audience and the docs. */
  where: string;
}

/**
 * The requests one run sends, for a problem one request cannot show (concurrent bets queue for a
 * pool, a leak grows over many requests). The panel sends them all under one click, so one trace
 * holds the whole unit and its findings are judged over it.
 */
export interface UnitOfWork {
  requests: number;
  concurrency: number;
}

/** A GraphQL operation and the variables it is sent with. */
export interface ScenarioOperation {
  operation: string;
  variables: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  /** The services whose code has the slow path and its fixed twin. */
  services: readonly ('users' | 'game' | 'analytics')[];
  title: string;
  /** What the scenario teaches, in one or two sentences. */
  teaches: string;
  /**
   * Whether the slow twin holds the event loop while it runs (synchronous CPU work that nothing can
   * interrupt). Such slow calls are admitted by their service's CPU budget, the others by its
   * concurrency limit (packages/service-runtime/src/slow-variant-limit.ts).
   */
  blocksEventLoop: boolean;
  /** Out of the box every scenario is slow: the system ships with its problems, as real systems do. */
  defaultMode: Mode;
  /** The GraphQL operation that demonstrates it, sent through the gateway. */
  operation: string;
  variables: Record<string, unknown>;
  /**
   * A mode's own operation, for a scenario whose twins are two operations (two schema designs)
   * rather than two code paths; a mode without one sends `operation`. Read through `operationFor`.
   */
  operations?: Partial<Record<Mode, ScenarioOperation>>;
  /** Its page under docs/scenarios/. */
  docs: string;
  /** Repo-relative files holding the slow path and its fixed twin. */
  code: readonly string[];
  /**
   * Its own tests and benchmarks, repo-relative: the files that check this scenario beyond those
   * that run every scenario of the catalog (e2e/src/scenarios.test.ts, dashboards.test.ts,
   * gateway-overhead.test.ts, the workshop tests, bench/src/run-bench.ts, slow-flood-bench.ts).
   */
  tests: readonly string[];
  /** What Sentry shows for the slow twin, and where. */
  sentry: SentryShows;
  /** The requests of one run when one request cannot show the problem; one request when absent. */
  unit?: UnitOfWork;
}

export const SCENARIOS = [
  {
    name: 'n-plus-one',
    services: ['users', 'game'],
    blocksEventLoop: false,
    title: 'N+1 queries from nested resolvers',
    teaches:
      'A list field whose child resolver runs one SELECT per parent (and an entity resolver that runs one per reference) turns one request into hundreds of queries; a per-request DataLoader batches each level into one.',
    defaultMode: 'slow',
    operation: `query NPlusOne($players: Int!, $rounds: Int!) {
  players(first: $players) {
    id
    displayName
    rounds(last: $rounds) {
      id
      betCents
      outcome
      game { name kind }
    }
  }
}`,
    variables: { players: 20, rounds: 10 },
    docs: 'docs/scenarios/n-plus-one.md',
    code: ['subgraphs/users/src/scenarios/n-plus-one.ts', 'subgraphs/game/src/scenarios/n-plus-one.ts'],
    tests: ['subgraphs/users/src/schema.test.ts', 'packages/trace-detectors/src/n-plus-one-db.test.ts'],
    sentry: { signals: ['performance-issue'], alerts: [], where: 'Issues → N+1 Query; Insights → Queries' },
  },
  {
    name: 'cpu-rng',
    services: ['game'],
    blocksEventLoop: true,
    title: 'CPU-bound RNG on the event loop',
    teaches:
      'A random number generator that searches primes on the event loop blocks every other request of the process while it runs; a cryptographic RNG takes microseconds.',
    defaultMode: 'slow',
    operation: `query CpuRng($gameId: ID!, $spins: Int!) {
  freePlay(gameId: $gameId, spins: $spins) { draw won payoutCents }
}`,
    variables: { gameId: 'slots-fruit', spins: 3 },
    docs: 'docs/scenarios/cpu-rng.md',
    code: ['subgraphs/game/src/scenarios/cpu-rng.ts', 'subgraphs/game/src/free-play.ts'],
    tests: [
      'subgraphs/game/src/play-round.test.ts',
      'packages/service-runtime/src/slow-variant-cpu-budget.test.ts',
      'e2e/src/blocked-event-loop.test.ts',
      'e2e/src/profiles.test.ts',
      'e2e/src/slow-variant-flood.test.ts',
    ],
    sentry: {
      signals: ['blocked-event-loop', 'metric'],
      // Slow: 1.2 s of event-loop delay per request on our machine; fixed: 2 ms.
      alerts: [
        { metric: 'event_loop.delay.max', aggregate: 'max', above: 200, unit: 'millisecond', where: 'Dashboards → event-loop delay max' },
      ],
      where: 'Issues → Event Loop Blocked (ApplicationNotResponding); Profiles → hottest frame',
    },
  },
  {
    name: 'slow-aggregation',
    services: ['analytics'],
    blocksEventLoop: false,
    title: 'Unindexed MongoDB aggregation done in JavaScript',
    teaches:
      'Pulling documents into the service and aggregating them in JavaScript, over several round trips and without an index, moves the whole collection over the wire; one pipeline over compound indexes lets the database do the work.',
    defaultMode: 'slow',
    operation: `query SlowAggregation($gameId: ID!) {
  leaderboard(limit: 10) { player { id } roundsPlayed wageredCents netCents favouriteGame { id } }
  dailyStats(days: 30, gameId: $gameId) { day rounds players wageredCents paidOutCents }
}`,
    variables: { gameId: 'slots-fruit' },
    docs: 'docs/scenarios/slow-aggregation.md',
    code: ['subgraphs/analytics/src/scenarios/slow-aggregation.ts'],
    tests: ['subgraphs/analytics/src/schema.test.ts', 'e2e/src/insights-spans.test.ts'],
    sentry: { signals: ['performance-issue'], alerts: [], where: 'Issues → N+1 Query; Insights → Queries' },
  },
  {
    name: 'payment-latency',
    services: ['game'],
    blocksEventLoop: false,
    title: 'Sequential calls to a slow third party',
    teaches:
      'Five independent calls to a payment API awaited one after another add their latencies; made in parallel, the bet costs about the slowest single call, and one idempotency key per bet keeps a retry from charging twice.',
    defaultMode: 'slow',
    operation: `mutation PaymentLatency($input: PlayRoundInput!) {
  playRound(input: $input) { won payoutCents balanceCents round { id } }
}`,
    variables: { input: { playerId: '1', gameId: 'dice-classic', betCents: 10, choice: 'over:50' } },
    docs: 'docs/scenarios/payment-latency.md',
    code: ['subgraphs/game/src/scenarios/payment-latency.ts', 'payment-provider/src/routes.ts'],
    tests: ['subgraphs/game/src/scenarios/payment-latency.test.ts', 'e2e/src/insights-spans.test.ts'],
    sentry: { signals: ['performance-issue'], alerts: [], where: 'Issues → Consecutive HTTP; Insights → Outbound API Requests' },
  },
  {
    name: 'regex-backtracking',
    services: ['users'],
    blocksEventLoop: true,
    title: 'Catastrophic regex backtracking on the event loop',
    teaches:
      'A validation pattern with a quantifier inside a quantifier tries exponentially many ways to match a plausible name that fails at its last character, blocking every request of the process for a second; a pattern written so that one path matches at each character accepts the same names in linear time.',
    defaultMode: 'slow',
    operation: `query RegexBacktracking($name: String!) {
  checkDisplayName(name: $name) { valid reason }
}`,
    variables: { name: 'TheLegendaryDragonSlayer2026!' },
    docs: 'docs/scenarios/regex-backtracking.md',
    code: ['subgraphs/users/src/scenarios/regex-backtracking.ts'],
    tests: [
      'subgraphs/users/src/scenarios/regex-backtracking.test.ts',
      'e2e/src/regex-backtracking.test.ts',
      'e2e/src/blocked-event-loop.test.ts',
      'bench/src/regex-backtracking-bench.ts',
    ],
    sentry: {
      signals: ['blocked-event-loop', 'metric'],
      // Slow: 2.2 s of event-loop delay per request on our machine; fixed: under 1 ms.
      alerts: [
        { metric: 'event_loop.delay.max', aggregate: 'max', above: 200, unit: 'millisecond', where: 'Dashboards → event-loop delay max' },
      ],
      where: 'Issues → Event Loop Blocked (ApplicationNotResponding); Profiles → hottest frame',
    },
  },
  {
    name: 'federation-waterfall',
    services: ['analytics'],
    blocksEventLoop: false,
    title: 'Federation query plan waterfall',
    teaches:
      "A field that one subgraph hangs on another subgraph's entity can only be fetched once that entity has been fetched: the gateway calls game, then analytics, then users, one after another. The same data asked from a root field of the subgraph that owns it lets the gateway fetch game and analytics in parallel.",
    defaultMode: 'slow',
    operation: `query FederationWaterfallSlow($gameId: ID!, $limit: Int!) {
  game(id: $gameId) {
    id
    name
    kind
    topPlayers(limit: $limit) { roundsPlayed netCents player { id displayName country } }
  }
}`,
    variables: { gameId: 'slots-fruit', limit: 5 },
    operations: {
      fixed: {
        operation: `query FederationWaterfallFixed($gameId: ID!, $limit: Int!) {
  game(id: $gameId) { id name kind }
  gameLeaderboard(gameId: $gameId, limit: $limit) { roundsPlayed netCents player { id displayName country } }
}`,
        variables: { gameId: 'slots-fruit', limit: 5 },
      },
    },
    docs: 'docs/scenarios/federation-waterfall.md',
    code: ['subgraphs/analytics/src/scenarios/federation-waterfall.ts', 'subgraphs/analytics/schema.graphql'],
    tests: [
      'subgraphs/analytics/src/scenarios/federation-waterfall.test.ts',
      'gateway/src/query-plan-shape.test.ts',
      'e2e/src/federation-waterfall.test.ts',
    ],
    sentry: {
      signals: ['metric'],
      // Slow: game, then analytics, then users (3 sequential fetches); fixed: 2.
      alerts: [
        {
          metric: 'graphql.query_plan.sequential_depth',
          aggregate: 'max',
          above: 2,
          unit: 'none',
          where: 'Dashboards → query-plan sequential depth; Traces → the gateway span waterfall',
        },
      ],
      where: 'Dashboards → query-plan sequential depth; Traces → the gateway span waterfall',
    },
  },
  {
    name: 'pool-exhaustion',
    services: ['game'],
    blocksEventLoop: false,
    title: 'Pooled connection held across a third-party call',
    teaches:
      "A transaction opened before the call to the payment provider holds one of the small pool's connections while it waits, so concurrent bets queue for a connection; charging first and keeping the transaction around the writes gives the connection back within milliseconds.",
    defaultMode: 'slow',
    operation: `mutation PoolExhaustion($input: PlayRoundInput!) {
  playRound(input: $input) { won payoutCents balanceCents round { id } }
}`,
    variables: { input: { playerId: '2', gameId: 'dice-classic', betCents: 10, choice: 'over:50' } },
    docs: 'docs/scenarios/pool-exhaustion.md',
    code: [
      'subgraphs/game/src/scenarios/pool-exhaustion.ts',
      'subgraphs/game/src/database.ts',
      'packages/service-runtime/src/measured-pool.ts',
    ],
    tests: [
      'subgraphs/game/src/scenarios/pool-exhaustion.test.ts',
      'packages/service-runtime/src/measured-pool.test.ts',
      'e2e/src/pool-exhaustion.test.ts',
      'bench/src/pool-exhaustion-bench.ts',
    ],
    sentry: {
      signals: ['metric'],
      // Eight concurrent bets: slow waits up to 4.7 s for a connection (p95) on our machine; fixed at most 80 ms.
      alerts: [{ metric: 'db.pool.wait', aggregate: 'p95', above: 500, unit: 'millisecond', where: 'Dashboards → pool wait p95' }],
      where: 'Dashboards → pool wait p95; Traces → bets waiting in db.connection.acquire',
    },
    unit: { requests: 8, concurrency: 8 },
  },
  {
    name: 'memory-leak',
    services: ['analytics'],
    blocksEventLoop: false,
    title: 'A cache that never evicts',
    teaches:
      'A process-wide cache keyed by something unique per request (here the request id) never hits and never lets go: every request leaves its page of documents on the heap until the process runs out of memory; an LRU bounded in entries and bytes, keyed by what the page depends on, hits and stays flat.',
    defaultMode: 'slow',
    operation: `query MemoryLeak($playerId: ID!, $last: Int!) {
  playerActivity(playerId: $playerId, last: $last) { id player { id } game { id } betCents payoutCents playedAt }
}`,
    variables: { playerId: '1', last: 300 },
    docs: 'docs/scenarios/memory-leak.md',
    code: ['subgraphs/analytics/src/scenarios/memory-leak.ts'],
    tests: [
      'subgraphs/analytics/src/scenarios/memory-leak.test.ts',
      'e2e/src/memory-leak.test.ts',
      'e2e/src/heap-growth.test.ts',
      'bench/src/memory-leak-bench.ts',
    ],
    sentry: {
      signals: ['metric'],
      // Sixty requests, one at a time: slow's cache keeps a page of 300 rounds (about 100 KB) per request, about
      // 6 MB; fixed's holds the one page asked for. The heap in use, read without a collection, moves by as much
      // from garbage alone, so the alert reads the cache's own size.
      alerts: [
        {
          metric: 'cache.size',
          aggregate: 'growth',
          above: 2_000_000,
          unit: 'byte',
          where: 'Dashboards → cache size by cache.name, beside heap in use per service',
        },
      ],
      where: 'Dashboards → cache size and heap in use; Issues → "Heap grew past N MiB" with its heap profile',
    },
    unit: { requests: 60, concurrency: 1 },
  },
  {
    name: 'infinite-loop',
    services: ['users'],
    blocksEventLoop: true,
    title: 'Keyset pagination that never ends on ties',
    teaches:
      'Paging by bet size with the last bet size as the cursor, taken inclusively so that ties are not skipped, returns the same page forever once a page holds nothing but one bet size: the loop spins on the event loop until a guard stops it with an error. A cursor of (bet size, round id) compared as a tuple always moves past the page it came from, so the walk ends by construction.',
    defaultMode: 'slow',
    operation: `query InfiniteLoop($playerId: ID!, $pageSize: Int!) {
  player(id: $playerId) { id stakeProfile(pageSize: $pageSize) { betCents rounds payoutCents } }
}`,
    variables: { playerId: '1', pageSize: 10 },
    docs: 'docs/scenarios/infinite-loop.md',
    code: ['subgraphs/users/src/scenarios/infinite-loop.ts', 'subgraphs/users/src/loop-guard.ts'],
    tests: [
      'subgraphs/users/src/scenarios/infinite-loop.test.ts',
      'subgraphs/users/src/loop-guard.test.ts',
      'e2e/src/infinite-loop.test.ts',
      'e2e/src/blocked-event-loop.test.ts',
    ],
    sentry: {
      signals: ['error', 'blocked-event-loop', 'metric'],
      // Slow: the walk holds the event loop until LOOP_GUARD_MS (1.5 s); fixed: under 1 ms.
      alerts: [
        { metric: 'event_loop.delay.max', aggregate: 'max', above: 200, unit: 'millisecond', where: 'Dashboards → event-loop delay max' },
      ],
      where: 'Issues → LOOP_GUARD_TRIPPED error on the trace; Issues → Event Loop Blocked (ApplicationNotResponding)',
    },
  },
] as const satisfies readonly Scenario[];

export type ScenarioName = (typeof SCENARIOS)[number]['name'];

export const SCENARIO_NAMES: readonly ScenarioName[] = SCENARIOS.map((scenario) => scenario.name);

/** What `operationFor` reads: a catalog entry, or its JSON as the gateway serves it. */
export interface OperationSource extends ScenarioOperation {
  operations?: Partial<Record<string, ScenarioOperation>>;
}

/** The operation and variables that demonstrate `scenario` in `mode`: the mode's own, else the scenario's. */
export function operationFor(scenario: OperationSource, mode: string): ScenarioOperation {
  return scenario.operations?.[mode] ?? { operation: scenario.operation, variables: scenario.variables };
}
