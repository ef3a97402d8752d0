import { sql, type Kysely } from 'kysely';

/** One row per settled bet, keyed by its idempotency key: a retried request gets the stored result and is never charged twice. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bets')
    .addColumn('idempotency_key', 'text', (col) => col.primaryKey())
    .addColumn('round_id', 'uuid', (col) => col.notNull().unique())
    .addColumn('player_id', 'integer', (col) => col.notNull())
    .addColumn('game_id', 'text', (col) => col.notNull().references('games.id'))
    .addColumn('bet_cents', 'integer', (col) => col.notNull())
    .addColumn('authorization_id', 'text', (col) => col.notNull())
    .addColumn('won', 'boolean', (col) => col.notNull())
    .addColumn('payout_cents', 'integer', (col) => col.notNull())
    .addColumn('draw', 'text', (col) => col.notNull())
    .addColumn('balance_cents', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bets').execute();
}
