import { pageSize, parsePlayerId } from '@trace-arcade/service-runtime';
import type { UsersContext } from '../context.js';
import type { PlayerRow } from '../repositories/players.js';
import { playerByReference, recentRounds } from '../scenarios/n-plus-one.js';

export const Player = {
  __resolveReference(reference: { id: string }, context: UsersContext) {
    return playerByReference(context, parsePlayerId('Player.id', reference.id));
  },
  joinedAt: (player: PlayerRow) => player.joinedAt.toISOString(),
  wallet: (player: PlayerRow) => ({ balanceCents: player.balanceCents, currency: player.currency }),
  rounds(player: PlayerRow, args: { last: number }, context: UsersContext) {
    return recentRounds(context, player.id, pageSize('last', args.last, 100));
  },
};
