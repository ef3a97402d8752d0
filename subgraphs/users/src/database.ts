import { CamelCasePlugin, Kysely, PostgresDialect, type Generated } from 'kysely';
import { countSqlStatement, type Logger } from '@trace-arcade/service-runtime';
import pg from 'pg';

/** How errors name this dependency to clients, logs and Sentry. */
export const USERS_DATABASE = 'users database';

// Columns in camelCase here and in every query; the database's are snake_case (`display_name`):
// CamelCasePlugin turns one into the other in the SQL it writes and in the rows it reads.

export interface PlayersTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  country: string;
  joinedAt: Date;
}

export interface WalletsTable {
  playerId: number;
  balanceCents: number;
  currency: string;
}

export interface RoundsTable {
  id: string;
  playerId: number;
  gameId: string;
  betCents: number;
  payoutCents: number;
  outcome: string;
  playedAt: Date;
  /** The wallet balance right after the round was settled; null for rounds recorded before it was kept. */
  balanceAfterCents: number | null;
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
    plugins: [new CamelCasePlugin()],
  });
}
