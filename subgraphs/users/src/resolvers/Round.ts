import type { UsersContext } from '../context.js';
import type { RoundRow } from '../repositories/rounds.js';
import { roundByReference } from '../scenarios/n-plus-one.js';

export const Round = {
  __resolveReference(reference: { id: string }, context: UsersContext) {
    return roundByReference(context, reference.id);
  },
  player: (round: RoundRow, _: unknown, context: UsersContext) => context.playerById.load(round.playerId),
  /** A reference only: the game subgraph resolves the game's fields. */
  game: (round: RoundRow) => ({ __typename: 'Game', id: round.gameId }),
  playedAt: (round: RoundRow) => round.playedAt.toISOString(),
};
