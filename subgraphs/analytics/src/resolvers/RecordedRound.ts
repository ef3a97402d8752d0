import type { RoundDocument } from '../database.js';

export const RecordedRound = {
  id: (round: RoundDocument) => round._id,
  player: (round: RoundDocument) => ({ id: String(round.playerId) }),
  game: (round: RoundDocument) => ({ __typename: 'Game', id: round.gameId }),
  playedAt: (round: RoundDocument) => round.playedAt.toISOString(),
};
