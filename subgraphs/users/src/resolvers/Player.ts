import { fromDependency, maxPageSize, pageSize, parsePlayerId } from '@trace-arcade/service-runtime';
import { USERS_DATABASE } from '../database.js';
import type { PlayerResolvers } from '../generated/resolvers-types.js';
import { findStakesByPlayerId } from '../repositories/rounds.js';
import { STAKE_PAGE_MAX, stakeProfile } from '../scenarios/infinite-loop.js';
import { playerByReference, recentRounds } from '../scenarios/n-plus-one.js';

export const Player: PlayerResolvers = {
  __resolveReference(reference, context) {
    const id = parsePlayerId('Player.id', reference.id);
    return fromDependency(USERS_DATABASE, () => playerByReference(context, id));
  },
  joinedAt: (player) => player.joinedAt.toISOString(),
  wallet: (player) => ({ balanceCents: player.balanceCents, currency: player.currency }),
  rounds(player, args, context) {
    const last = pageSize('last', args.last, maxPageSize('Player.rounds'));
    return fromDependency(USERS_DATABASE, () => recentRounds(context, player.id, last));
  },
  async stakeProfile(player, args, context) {
    const size = pageSize('pageSize', args.pageSize, STAKE_PAGE_MAX);
    const rows = await fromDependency(USERS_DATABASE, () => findStakesByPlayerId(context.db, player.id));
    return stakeProfile(context, rows, size, context.loopGuardMs);
  },
};
