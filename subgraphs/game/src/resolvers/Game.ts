import type { GameContext } from '../context.js';
import { gameByReference } from '../scenarios/n-plus-one.js';

export const Game = {
  __resolveReference(reference: { id: string }, context: GameContext) {
    return gameByReference(context, reference.id);
  },
};
