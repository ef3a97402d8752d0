import type { GameLeaderResolvers } from '../generated/resolvers-types.js';

export const GameLeader: GameLeaderResolvers = {
  player: (leader) => ({ id: String(leader.playerId) }),
  netCents: (leader) => leader.paidOutCents - leader.wageredCents,
};
