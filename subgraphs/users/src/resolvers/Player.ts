import { fromDependency, maxPageSize, pageSize, parsePlayerId } from '@trace-arcade/service-runtime';
import type { UsersContext } from '../context.js';
import { USERS_DATABASE } from '../database.js';
import type { PlayerRow } from '../repositories/players.js';
import { playerByReference, recentRounds } from '../scenarios/n-plus-one.js';

export const Player = {
  __resolveReference(reference: { id: string }, context: UsersContext) {
    const id = parsePlayerId('Player.id', reference.id);
    return fromDependency(USERS_DATABASE, () => playerByReference(context, id));
  },
  joinedAt: (player: PlayerRow) => player.joinedAt.toISOString(),
  wallet: (player: PlayerRow) => ({ balanceCents: player.balanceCents, currency: player.currency }),
  rounds(player: PlayerRow, args: { last: number }, context: UsersContext) {
    const last = pageSize('last', args.last, maxPageSize('Player.rounds'));
    return fromDependency(USERS_DATABASE, () => recentRounds(context, player.id, last));
  },
};
