/**
 * Every list field of the API (`Type.field`) and how many items it returns at most. A list with a
 * size argument returns at most `max` (the subgraph answers BAD_USER_INPUT for more, see
 * `pageSize`); the schema's description of the argument says the same ("from 1 to 100"). A list
 * without one returns a small, fixed set (the game catalog) and counts as `items`.
 *
 * The subgraphs check the arguments against it; the gateway's cost estimate counts each list as
 * its argument's value, at most `max`. They are part of the API (the schema states them), so they
 * are constants, not settings; the gateway's MAX_QUERY_COST bounds what they add up to.
 */
export const LIST_SIZES = {
  'Query.players': { argument: 'first', max: 100 },
  'Player.rounds': { argument: 'last', max: 100 },
  'Query.leaderboard': { argument: 'limit', max: 100 },
  'Query.dailyStats': { argument: 'days', max: 366 },
  'Query.freePlay': { argument: 'spins', max: 10 },
  'Game.topPlayers': { argument: 'limit', max: 100 },
  'Query.gameLeaderboard': { argument: 'limit', max: 100 },
  'Query.playerActivity': { argument: 'last', max: 500 },
  /** One entry per bet size the player has staked: 70 at most in the seed data (the catalog's bet steps). */
  'Player.stakeProfile': { items: 100 },
  /** The game catalog: eight games in the seed data. */
  'Query.games': { items: 10 },
} as const satisfies Record<string, { argument: string; max: number } | { items: number }>;

export type ListField = keyof typeof LIST_SIZES;
type PagedField = { [F in ListField]: (typeof LIST_SIZES)[F] extends { argument: string } ? F : never }[ListField];

/** The largest page `field` accepts. */
export function maxPageSize(field: PagedField): number {
  return LIST_SIZES[field].max;
}
