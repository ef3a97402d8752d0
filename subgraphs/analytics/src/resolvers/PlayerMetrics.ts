import type { PlayerMetricsResolvers } from '../generated/resolvers-types.js';

export const PlayerMetrics: PlayerMetricsResolvers = {
  player: (metrics) => ({ id: String(metrics.playerId) }),
  netCents: (metrics) => metrics.paidOutCents - metrics.wageredCents,
  favouriteGame: (metrics) => (metrics.favouriteGameId ? { id: metrics.favouriteGameId } : null),
  lastPlayedAt: (metrics) => metrics.lastPlayedAt?.toISOString() ?? null,
};
