import { fromDependency } from '@trace-arcade/service-runtime';
import { GAME_DATABASE } from '../database.js';
import type { GameResolvers } from '../generated/resolvers-types.js';
import { gameByReference } from '../scenarios/n-plus-one.js';

export const Game: GameResolvers = {
  __resolveReference(reference, context) {
    return fromDependency(GAME_DATABASE, () => gameByReference(context, reference.id));
  },
};
