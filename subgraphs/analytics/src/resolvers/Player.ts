import { parsePlayerId } from '@trace-arcade/service-runtime';
import type { AnalyticsContext } from '../context.js';

export const Player = {
  /** Analytics knows players only by id: every id has metrics, zero when they never played. */
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  metrics(player: { id: string }, _: unknown, context: AnalyticsContext) {
    return context.metricsByPlayerId.load(parsePlayerId('Player.id', player.id));
  },
};
