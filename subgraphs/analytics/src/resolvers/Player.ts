import { badUserInput } from '@trace-arcade/service-runtime';
import type { AnalyticsContext } from '../context.js';

export const Player = {
  /** Analytics knows players only by id: every id has metrics, zero when they never played. */
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  metrics(player: { id: string }, _: unknown, context: AnalyticsContext) {
    const id = Number(player.id);
    if (!Number.isSafeInteger(id) || id < 1) throw badUserInput('Player.id', 'a player id (a positive whole number)', player.id);
    return context.metricsByPlayerId.load(id);
  },
};
