import type { GameContext } from '../context.js';

export const Game = {
  __resolveReference(reference: { id: string }, context: GameContext) {
    return context.gameById.load(reference.id);
  },
};
