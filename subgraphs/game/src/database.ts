import { CamelCasePlugin, Kysely, PostgresDialect, type Generated } from 'kysely';
import { countSqlStatement, measuredPool, type Logger } from '@trace-arcade/service-runtime';
import pg from 'pg';
import type { GameKind } from '@trace-arcade/seed-data';

/** How errors name this dependency to clients, logs and Sentry. */
export const GAME_DATABASE = 'game database';

// Columns in camelCase here and in every query; the database's are snake_case (`min_bet_cents`):
// CamelCasePlugin turns one into the other in the SQL it writes and in the rows it reads.

export interface GamesTable {
  id: string;
  name: string;
  kind: GameKind;
  minBetCents: number;
  maxBetCents: number;
  rtpPercent: string;
}

/** Where a bet is: claimed by a request that is playing it, released for a retry, or settled. */
export type BetStatus = 'pending' | 'open' | 'settled';

/** One row per idempotency key; the result columns are filled as the bet is played (see play-round.ts). */
export interface BetsTable {
  idempotencyKey: string;
  roundId: string;
  playerId: number;
  gameId: string;
  betCents: number;
  /** The player's choice as parsed ('over:50', 'red', '' for slots); null for bets stored before it was kept. */
  choice: string | null;
  status: BetStatus;
  /** The claim of the request playing the bet, and when it was made (a stale one is taken over). */
  claimToken: string | null;
  claimedAt: Date | null;
  /** Which payment idempotency key the bet charges with; moves on when a hold was voided. */
  chargeAttempt: Generated<number>;
  authorizationId: string | null;
  won: boolean | null;
  payoutCents: number | null;
  draw: string | null;
  outcome: string | null;
  balanceCents: number | null;
  createdAt: Generated<Date>;
  settledAt: Date | null;
}

export interface GameDatabase {
  games: GamesTable;
  bets: BetsTable;
}

export type GameDb = Kysely<GameDatabase>;

export function createDatabase(connectionString: string, poolSize: number, log: Logger): GameDb {
  // A connection that cannot be made (or a free one that cannot be had) within 5 s fails the query,
  // so that a request fails within seconds while PostgreSQL is down or stalled (pg waits forever by default).
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle connection that the server ends (a restart, a failover) is dropped and replaced on the
  // next query; without a listener the pool's 'error' event would end the process.
  pool.on('error', (error) => log.warn({ err: error }, 'an idle game database connection failed; the pool replaces it'));
  return new Kysely<GameDatabase>({
    dialect: new PostgresDialect({ pool }),
    // Counts each statement for the request's `extensions.perf`.
    log: countSqlStatement,
    plugins: [new CamelCasePlugin()],
  });
}

/**
 * The small pool a bet's transaction takes its connection from (scenario `pool-exhaustion`), apart
 * from the service's pool so that bets queueing for it never starve the other queries. Every
 * acquire is measured: the wait goes to the request's `poolWaitMs` and shows as a span
 * `acquire a connection (bet pool)`. A bet that gets no connection within `timeoutMs` fails with
 * UPSTREAM_UNAVAILABLE naming the pool.
 */
export function createBetDatabase(connectionString: string, options: { size: number; timeoutMs: number }, log: Logger): GameDb {
  const pool = new pg.Pool({ connectionString, max: options.size, connectionTimeoutMillis: options.timeoutMs });
  pool.on('error', (error) => log.warn({ err: error }, 'an idle bet pool connection failed; the pool replaces it'));
  return new Kysely<GameDatabase>({
    dialect: new PostgresDialect({ pool: measuredPool(pool, { name: 'bet', dependency: GAME_DATABASE, ...options }) }),
    log: countSqlStatement,
    plugins: [new CamelCasePlugin()],
  });
}
