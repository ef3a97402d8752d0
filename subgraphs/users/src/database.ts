import { Kysely, PostgresDialect, type Generated } from 'kysely';
import { countSqlStatement, type Logger } from '@trace-arcade/service-runtime';
import pg from 'pg';

/** How errors name this dependency to clients, logs and Sentry. */
export const USERS_DATABASE = 'users database';

export interface PlayersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  country: string;
  joined_at: Date;
}

export interface WalletsTable {
  player_id: number;
  balance_cents: number;
  currency: string;
}

export interface RoundsTable {
  id: string;
  player_id: number;
  game_id: string;
  bet_cents: number;
  payout_cents: number;
  outcome: string;
  played_at: Date;
  /** The wallet balance right after the round was settled; null for rounds recorded before it was kept. */
  balance_after_cents: number | null;
}

export interface UsersDatabase {
  players: PlayersTable;
  wallets: WalletsTable;
  rounds: RoundsTable;
}

export type UsersDb = Kysely<UsersDatabase>;

export function createDatabase(connectionString: string, poolSize: number, log: Logger): UsersDb {
  // A connection that cannot be made (or a free one that cannot be had) within 5 s fails the query,
  // so that a request fails within seconds while PostgreSQL is down or stalled (pg waits forever by default).
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle connection that the server ends (a restart, a failover) is dropped and replaced on the
  // next query; without a listener the pool's 'error' event would end the process.
  pool.on('error', (error) => log.warn({ err: error }, 'an idle users database connection failed; the pool replaces it'));
  return new Kysely<UsersDatabase>({
    dialect: new PostgresDialect({ pool }),
    // Counts each statement for the request's `extensions.perf`.
    log: countSqlStatement,
  });
}
