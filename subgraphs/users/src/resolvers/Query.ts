import { fromDependency, loadForArgument, maxPageSize, pageSize, parsePlayerId } from '@trace-arcade/service-runtime';
import { USERS_DATABASE } from '../database.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { findPlayersPage } from '../repositories/players.js';
import { checkDisplayName } from '../scenarios/regex-backtracking.js';

export const Query: QueryResolvers = {
  players(_, args, context) {
    const first = pageSize('first', args.first, maxPageSize('Query.players'));
    const after = args.after == null ? 0 : parsePlayerId('after', args.after);
    return fromDependency(USERS_DATABASE, () => findPlayersPage(context.db, first, after));
  },

  player(_, args, context) {
    return loadForArgument(context.playerById, parsePlayerId('id', args.id), 'id');
  },

  checkDisplayName(_, args, context) {
    return checkDisplayName(context, 'name', args.name);
  },
};
