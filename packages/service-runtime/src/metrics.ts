import * as Sentry from '@sentry/node';
import { METRICS, type MetricAttributes, type MetricKey } from '@trace-arcade/scenarios';
import type { RequestCostSnapshot } from './request-cost.js';

/** Whether this process sends its metrics (SENTRY_METRICS, set once by `initTelemetry`). */
let sending = true;

/** Called once at start-up by `initTelemetry` with SENTRY_METRICS. */
export function sendMetrics(on: boolean): void {
  sending = on;
}

/**
 * Sends one value of a declared metric (see `METRICS` in `@trace-arcade/scenarios`) through the SDK's
 * metrics API. Call it inside the request's span: the SDK takes the trace id and span id of the
 * active span, so Sentry links the value to the request's trace. The attribute `service` comes from
 * the scope (instrument.ts); the metric's own attributes are typed from its declaration.
 */
export function emitMetric<K extends MetricKey>(key: K, value: number, attributes: MetricAttributes<K>): void {
  if (!sending) return;
  const { name, type, unit } = METRICS[key];
  const options = { unit, attributes: attributes as Record<string, string | boolean> };
  switch (type) {
    case 'counter':
      Sentry.metrics.count(name, value, options);
      return;
    case 'gauge':
      Sentry.metrics.gauge(name, value, options);
      return;
    case 'distribution':
      Sentry.metrics.distribution(name, value, options);
      return;
  }
}

/**
 * At the end of a GraphQL request: the heap in use, the largest event-loop delay while it ran
 * (where the service measures it) and, per measured pool it asked, how long it waited for
 * connections in all.
 */
export function emitRequestMetrics(snapshot: RequestCostSnapshot, poolWaits: ReadonlyMap<string, number>): void {
  if (snapshot.heapUsedBytes !== undefined) emitMetric('heapUsed', snapshot.heapUsedBytes, {});
  if (snapshot.eventLoopDelay) emitMetric('eventLoopDelayMax', snapshot.eventLoopDelay.maxMs, {});
  for (const [pool, waitMs] of poolWaits) emitMetric('poolWait', Math.round(waitMs * 100) / 100, { 'db.pool.name': pool });
}

/** The gateway, once it has planned an operation: how many of its subgraph fetches wait for one another. */
export function emitQueryPlanDepth(operationName: string | null | undefined, sequentialDepth: number): void {
  emitMetric('queryPlanSequentialDepth', sequentialDepth, { 'graphql.operation.name': operationName || ANONYMOUS_OPERATION });
}

/** `graphql.operation.name` of an operation sent without a name. */
export const ANONYMOUS_OPERATION = '(anonymous)';

/** Which game a bet or round is on; never who played it. */
export interface GameOfBet {
  gameId: string;
  gameKind: string;
}

/** A new bet has been claimed (before it is charged). */
export function emitBetPlaced(game: GameOfBet): void {
  emitMetric('betsPlaced', 1, { 'game.id': game.gameId, 'game.kind': game.gameKind });
}

/** A round has been played and settled by this request: counted once, with what was bet and paid out. */
export function emitRoundPlayed(round: GameOfBet & { won: boolean; betCents: number; payoutCents: number }): void {
  const game = { 'game.id': round.gameId, 'game.kind': round.gameKind };
  emitMetric('rounds', 1, { ...game, 'game.won': round.won });
  emitMetric('wagered', round.betCents, game);
  emitMetric('paidOut', round.payoutCents, game);
}
