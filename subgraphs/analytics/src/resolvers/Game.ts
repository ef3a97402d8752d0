import type { GameResolvers } from '../generated/resolvers-types.js';
import { slowGameTopPlayers } from '../scenarios/federation-waterfall.js';

export const Game: GameResolvers = {
  /** Analytics knows games only by id. */
  __resolveReference: (reference) => ({ id: reference.id }),
  topPlayers: slowGameTopPlayers,
};
