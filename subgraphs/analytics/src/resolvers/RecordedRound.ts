import type { RecordedRoundResolvers } from '../generated/resolvers-types.js';

export const RecordedRound: RecordedRoundResolvers = {
  id: (round) => round._id,
  player: (round) => ({ id: String(round.playerId) }),
  game: (round) => ({ id: round.gameId }),
  playedAt: (round) => round.playedAt.toISOString(),
};
