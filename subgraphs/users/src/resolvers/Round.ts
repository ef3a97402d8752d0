import { fromDependency } from '@trace-arcade/service-runtime';
import type { UsersContext } from '../context.js';
import { USERS_DATABASE } from '../database.js';
import type { RoundRow } from '../repositories/rounds.js';
import { roundByReference } from '../scenarios/n-plus-one.js';

export const Round = {
  __resolveReference(reference: { id: string }, context: UsersContext) {
    return fromDependency(USERS_DATABASE, () => roundByReference(context, reference.id));
  },
  player: (round: RoundRow, _: unknown, context: UsersContext) => context.playerById.load(round.playerId),
  /** A reference only: the game subgraph resolves the game's fields. */
  game: (round: RoundRow) => ({ __typename: 'Game', id: round.gameId }),
  playedAt: (round: RoundRow) => round.playedAt.toISOString(),
};
