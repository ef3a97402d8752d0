/**
 * The one declaration of every performance scenario. The gateway serves it at `GET /scenarios`;
 * services read modes through `ScenarioSelection`; the docs, the load generator, the benchmark
 * and the tests all start from here. Nothing else invents scenario names.
 */

export const MODES = ['slow', 'fixed'] as const;
export type Mode = (typeof MODES)[number];

export interface Scenario {
  name: string;
  /** The services whose code has the slow path and its fixed twin. */
  services: readonly ('users' | 'game' | 'analytics')[];
  title: string;
  /** What the scenario teaches, in one or two sentences. */
  teaches: string;
  /** Out of the box every scenario is slow: the system ships with its problems, as real systems do. */
  defaultMode: Mode;
  /** The GraphQL operation that demonstrates it, sent through the gateway. */
  operation: string;
  variables: Record<string, unknown>;
  /** Its page under docs/scenarios/. */
  docs: string;
  /** Repo-relative files holding the slow path and its fixed twin. */
  code: readonly string[];
}

export const SCENARIOS = [
  {
    name: 'n-plus-one',
    services: ['users', 'game'],
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
  },
  {
    name: 'cpu-rng',
    services: ['game'],
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
  },
  {
    name: 'slow-aggregation',
    services: ['analytics'],
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
  },
  {
    name: 'payment-latency',
    services: ['game'],
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
  },
  {
    name: 'memory-leak',
    services: ['analytics'],
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
  },
] as const satisfies readonly Scenario[];

export type ScenarioName = (typeof SCENARIOS)[number]['name'];

export const SCENARIO_NAMES: readonly ScenarioName[] = SCENARIOS.map((scenario) => scenario.name);
