import type { GameLeaderRow } from '../repositories/rounds.js';

export const GameLeader = {
  player: (leader: GameLeaderRow) => ({ id: String(leader.playerId) }),
  netCents: (leader: GameLeaderRow) => leader.paidOutCents - leader.wageredCents,
};
