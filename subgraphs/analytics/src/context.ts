import DataLoader from 'dataloader';
import type { RequestScope } from '@trace-arcade/service-runtime';
import type { AnalyticsDb } from './database.js';
import { findMetricsByPlayerIds, type PlayerMetricsRow } from './repositories/rounds.js';

export interface AnalyticsContext extends RequestScope {
  analytics: AnalyticsDb;
  /** Metrics for every player of a request in one aggregation; a player with no rounds gets zeros. */
  metricsByPlayerId: DataLoader<number, PlayerMetricsRow>;
}

function emptyMetrics(playerId: number): PlayerMetricsRow {
  return { playerId, roundsPlayed: 0, wageredCents: 0, paidOutCents: 0, biggestWinCents: 0, favouriteGameId: null, lastPlayedAt: null };
}

export function createContext(analytics: AnalyticsDb, scope: RequestScope): AnalyticsContext {
  return {
    ...scope,
    analytics,
    metricsByPlayerId: new DataLoader(async (ids) => {
      const rows = await findMetricsByPlayerIds(analytics, ids);
      const byPlayer = new Map(rows.map((row) => [row.playerId, row]));
      return ids.map((id) => byPlayer.get(id) ?? emptyMetrics(id));
    }),
  };
}
