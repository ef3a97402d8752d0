import { Kysely, PostgresDialect, type Generated } from 'kysely';
import { countSqlStatement } from '@trace-arcade/service-runtime';
import pg from 'pg';

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
}

export interface UsersDatabase {
  players: PlayersTable;
  wallets: WalletsTable;
  rounds: RoundsTable;
}

export type UsersDb = Kysely<UsersDatabase>;

export function createDatabase(connectionString: string, poolSize: number): UsersDb {
  return new Kysely<UsersDatabase>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: poolSize }) }),
    // Counts each statement for the request's `extensions.perf`.
    log: countSqlStatement,
  });
}
