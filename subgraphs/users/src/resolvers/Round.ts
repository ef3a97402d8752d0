import { fromDependency } from '@trace-arcade/service-runtime';
import { USERS_DATABASE } from '../database.js';
import type { RoundResolvers } from '../generated/resolvers-types.js';
import { roundByReference } from '../scenarios/n-plus-one.js';

export const Round: RoundResolvers = {
  __resolveReference(reference, context) {
    return fromDependency(USERS_DATABASE, () => roundByReference(context, reference.id));
  },
  player: (round, _, context) => context.playerById.load(round.playerId),
  /** A reference only: the game subgraph resolves the game's fields. */
  game: (round) => ({ __typename: 'Game', id: round.gameId }),
  playedAt: (round) => round.playedAt.toISOString(),
};
