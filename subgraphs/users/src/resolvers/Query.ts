import { graphQLError, pageSize, parsePlayerId } from '@trace-arcade/service-runtime';
import type { UsersContext } from '../context.js';
import { findPlayersPage } from '../repositories/players.js';

export const Query = {
  players(_: unknown, args: { first: number; after?: string | null }, context: UsersContext) {
    const first = pageSize('first', args.first, 100);
    const after = args.after == null ? 0 : parsePlayerId('after', args.after);
    return findPlayersPage(context.db, first, after);
  },

  async player(_: unknown, args: { id: string }, context: UsersContext) {
    const id = parsePlayerId('id', args.id);
    try {
      return await context.playerById.load(id);
    } catch {
      throw graphQLError('NOT_FOUND', `no player with id ${id}`, { argument: 'id' });
    }
  },
};
