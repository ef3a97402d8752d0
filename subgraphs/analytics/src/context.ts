import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { tracedBatch, type RequestScope } from '@trace-arcade/service-runtime';
import { fromMongo, type AnalyticsDb } from './database.js';
import { findMetricsByPlayerIds, type PlayerMetricsRow } from './repositories/rounds.js';
import type { ActivityCaches } from './scenarios/memory-leak.js';

export interface AnalyticsContext extends RequestScope {
  analytics: AnalyticsDb;
  /**
   * Metrics for every player of a request in one aggregation; a player with no rounds gets zeros.
   * When MongoDB fails, every player's metrics fail with the same coded error (null in the answer).
   */
  metricsByPlayerId: DataLoader<number, PlayerMetricsRow>;
  /** This request's own id: a fresh UUID per request. */
  requestId: string;
  /** The process's activity-feed caches (scenario `memory-leak`), shared by every request. */
  activityCaches: ActivityCaches;
}

function emptyMetrics(playerId: number): PlayerMetricsRow {
  return { playerId, roundsPlayed: 0, wageredCents: 0, paidOutCents: 0, biggestWinCents: 0, favouriteGameId: null, lastPlayedAt: null };
}

export function createContext(analytics: AnalyticsDb, scope: RequestScope, activityCaches: ActivityCaches): AnalyticsContext {
  return {
    ...scope,
    analytics,
    requestId: randomUUID(),
    activityCaches,
    metricsByPlayerId: new DataLoader(
      tracedBatch('player metrics', async (ids: readonly number[]) => {
        const rows = await findMetricsByPlayerIds(analytics, ids).catch((error: unknown) => {
          throw fromMongo(error);
        });
        const byPlayer = new Map(rows.map((row) => [row.playerId, row]));
        return ids.map((id) => byPlayer.get(id) ?? emptyMetrics(id));
      }),
    ),
  };
}
