import type { PlayerMetricsRow } from '../repositories/rounds.js';

export const PlayerMetrics = {
  player: (metrics: PlayerMetricsRow) => ({ id: String(metrics.playerId) }),
  netCents: (metrics: PlayerMetricsRow) => metrics.paidOutCents - metrics.wageredCents,
  favouriteGame: (metrics: PlayerMetricsRow) => (metrics.favouriteGameId ? { __typename: 'Game', id: metrics.favouriteGameId } : null),
  lastPlayedAt: (metrics: PlayerMetricsRow) => metrics.lastPlayedAt?.toISOString() ?? null,
};
