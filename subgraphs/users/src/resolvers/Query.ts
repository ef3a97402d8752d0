import { fromDependency, loadForArgument, maxPageSize, pageSize, parsePlayerId } from '@trace-arcade/service-runtime';
import type { UsersContext } from '../context.js';
import { USERS_DATABASE } from '../database.js';
import { findPlayersPage } from '../repositories/players.js';
import { checkDisplayName } from '../scenarios/regex-backtracking.js';

export const Query = {
  players(_: unknown, args: { first: number; after?: string | null }, context: UsersContext) {
    const first = pageSize('first', args.first, maxPageSize('Query.players'));
    const after = args.after == null ? 0 : parsePlayerId('after', args.after);
    return fromDependency(USERS_DATABASE, () => findPlayersPage(context.db, first, after));
  },

  player(_: unknown, args: { id: string }, context: UsersContext) {
    return loadForArgument(context.playerById, parsePlayerId('id', args.id), 'id');
  },

  checkDisplayName(_: unknown, args: { name: string }, context: UsersContext) {
    return checkDisplayName(context, 'name', args.name);
  },
};
