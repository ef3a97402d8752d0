import { parsePlayerId } from '@trace-arcade/service-runtime';
import type { PlayerResolvers } from '../generated/resolvers-types.js';

export const Player: PlayerResolvers = {
  /** Analytics knows players only by id: every id has metrics, zero when they never played. */
  __resolveReference: (reference) => ({ id: reference.id }),
  metrics(player, _, context) {
    return context.metricsByPlayerId.load(parsePlayerId('Player.id', player.id));
  },
};
