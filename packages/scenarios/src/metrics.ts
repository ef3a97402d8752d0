/**
 * The one declaration of every trace-connected metric the services send with the Sentry SDK's
 * metrics API (`Sentry.metrics.count|gauge|distribution`). The emitting code
 * (`@trace-arcade/service-runtime`'s metrics.ts), the panel and docs/metrics.md all start from here;
 * nothing else invents metric names.
 *
 * Every metric is sent inside the span of the request it measures, so Sentry links it to that
 * trace, and carries the attribute `service` (the sending service). No attribute names a player
 * or holds anything personal.
 */

/** The SDK's metric types: what a `trace_metric` item's `type` says. */
export type MetricType = 'counter' | 'gauge' | 'distribution';

/** Sentry's units (`byte`, `millisecond`, `none`) and one custom unit: an amount of money in cents. */
export type MetricUnit = 'byte' | 'millisecond' | 'none' | 'cent';

/** The type of an attribute's value, as the metric item carries it. */
export type MetricAttributeType = 'string' | 'boolean';

export type MetricService = 'gateway' | 'users' | 'game' | 'analytics';

export interface MetricDeclaration {
  name: string;
  type: MetricType;
  unit: MetricUnit;
  /** The attributes the metric carries besides `service`, and the type of each value. */
  attributes: Readonly<Record<string, MetricAttributeType>>;
  /** The services that send it. */
  services: readonly MetricService[];
  /** When it is sent and what its value means. */
  description: string;
}

/** The attribute every metric carries: the service that sent it. */
export const METRIC_SERVICE_ATTRIBUTE = 'service';

export const METRICS = {
  heapUsed: {
    name: 'process.heap.used',
    type: 'gauge',
    unit: 'byte',
    attributes: {},
    services: ['users', 'game', 'analytics'],
    description:
      "The service's V8 heap in use (`process.memoryUsage().heapUsed`) at the end of each GraphQL request, garbage included unless the process runs with `--expose-gc`. Rises request after request on memory-leak slow; stays flat on fixed.",
  },
  cacheSize: {
    name: 'cache.size',
    type: 'gauge',
    unit: 'byte',
    attributes: { 'cache.name': 'string' },
    services: ['analytics'],
    description:
      "The heap a process-wide cache keeps alive (its own estimate of its entries' size), after each request that used it: `player-activity`, the page cache of `playerActivity`. Grows by about a page per request on memory-leak slow until LEAK_CAP_MB; stays at the pages asked for on fixed, bounded at 4 MB.",
  },
  poolWait: {
    name: 'db.pool.wait',
    type: 'distribution',
    unit: 'millisecond',
    attributes: { 'db.pool.name': 'string' },
    services: ['game'],
    description:
      "How long one request waited, summed over its acquires, for connections of a measured pool; one value per request and pool, sent only by requests that asked that pool. On pool-exhaustion slow, concurrent bets queue for the bet pool's connection for seconds; fixed ones wait milliseconds.",
  },
  eventLoopDelayMax: {
    name: 'event_loop.delay.max',
    type: 'distribution',
    unit: 'millisecond',
    attributes: {},
    services: ['users', 'game'],
    description:
      'The largest event-loop delay seen while one GraphQL request ran (the same value as `extensions.perf.eventLoopDelay.maxMs`). Hundreds of milliseconds on cpu-rng and regex-backtracking slow.',
  },
  queryPlanSequentialDepth: {
    name: 'graphql.query_plan.sequential_depth',
    type: 'gauge',
    unit: 'none',
    attributes: { 'graphql.operation.name': 'string' },
    services: ['gateway'],
    description:
      "How many subgraph fetches of the operation's query plan wait for one another (the longest chain of Sequence steps, each Parallel counting once), per operation. 3 on federation-waterfall slow, 2 on fixed.",
  },
  betsPlaced: {
    name: 'game.bets.placed',
    type: 'counter',
    unit: 'none',
    attributes: { 'game.id': 'string', 'game.kind': 'string' },
    services: ['game'],
    description:
      'One per new bet (a new idempotency key), counted when the bet is claimed, before it is charged; a retry of the same bet is not counted again. Bets placed minus rounds played is the bets that failed.',
  },
  rounds: {
    name: 'game.rounds',
    type: 'counter',
    unit: 'none',
    attributes: { 'game.id': 'string', 'game.kind': 'string', 'game.won': 'boolean' },
    services: ['game'],
    description:
      'One per round played and settled, by the request that settled it. The win rate of a game is the count with `game.won` = true over the count, grouped by `game.id`.',
  },
  wagered: {
    name: 'game.wagered',
    type: 'distribution',
    unit: 'cent',
    attributes: { 'game.id': 'string', 'game.kind': 'string' },
    services: ['game'],
    description: "The bet of each round played and settled, in cents: its sum is the game's turnover, its percentiles the bet sizes.",
  },
  paidOut: {
    name: 'game.paid_out',
    type: 'distribution',
    unit: 'cent',
    attributes: { 'game.id': 'string', 'game.kind': 'string' },
    services: ['game'],
    description:
      'What each round played and settled paid out, in cents (0 for a lost round): the sum over `game.wagered` is the return to player.',
  },
} as const satisfies Record<string, MetricDeclaration>;

export type MetricKey = keyof typeof METRICS;

type AttributeValue<T> = T extends 'boolean' ? boolean : string;
type DeclaredAttributes<K extends MetricKey> = (typeof METRICS)[K]['attributes'];

/** The attributes an emitter passes for `metric`, typed from its declaration. */
export type MetricAttributes<K extends MetricKey> = {
  -readonly [A in keyof DeclaredAttributes<K>]: AttributeValue<DeclaredAttributes<K>[A]>;
};

/** Every declared metric, for the panel and the docs. */
export const METRIC_LIST: readonly MetricDeclaration[] = Object.values(METRICS);
