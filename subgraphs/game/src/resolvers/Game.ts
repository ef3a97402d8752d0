import { fromDependency } from '@trace-arcade/service-runtime';
import type { GameContext } from '../context.js';
import { GAME_DATABASE } from '../database.js';
import { gameByReference } from '../scenarios/n-plus-one.js';

export const Game = {
  __resolveReference(reference: { id: string }, context: GameContext) {
    return fromDependency(GAME_DATABASE, () => gameByReference(context, reference.id));
  },
};
