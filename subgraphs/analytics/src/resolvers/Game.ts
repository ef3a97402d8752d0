import { slowGameTopPlayers } from '../scenarios/federation-waterfall.js';

export const Game = {
  /** Analytics knows games only by id. */
  __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  topPlayers: slowGameTopPlayers,
};
