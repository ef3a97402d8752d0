import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rounds')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('player_id', 'integer', (col) => col.notNull().references('players.id').onDelete('cascade'))
    .addColumn('game_id', 'text', (col) => col.notNull())
    .addColumn('bet_cents', 'integer', (col) => col.notNull())
    .addColumn('payout_cents', 'integer', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('played_at', 'timestamptz', (col) => col.notNull())
    .execute();
  // A player's history is read newest first.
  await db.schema.createIndex('rounds_player_played_at').on('rounds').columns(['player_id', 'played_at desc']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rounds').execute();
}
