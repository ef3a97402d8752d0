import { Kysely, PostgresDialect, type Generated } from 'kysely';
import { countSqlStatement } from '@trace-arcade/service-runtime';
import pg from 'pg';
import type { GameKind } from '@trace-arcade/seed-data';

export interface GamesTable {
  id: string;
  name: string;
  kind: GameKind;
  min_bet_cents: number;
  max_bet_cents: number;
  rtp_percent: string;
}

export interface BetsTable {
  idempotency_key: string;
  round_id: string;
  player_id: number;
  game_id: string;
  bet_cents: number;
  authorization_id: string;
  won: boolean;
  payout_cents: number;
  draw: string;
  balance_cents: number;
  created_at: Generated<Date>;
}

export interface GameDatabase {
  games: GamesTable;
  bets: BetsTable;
}

export type GameDb = Kysely<GameDatabase>;

export function createDatabase(connectionString: string, poolSize: number): GameDb {
  return new Kysely<GameDatabase>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: poolSize }) }),
    // Counts each statement for the request's `extensions.perf`.
    log: countSqlStatement,
  });
}
