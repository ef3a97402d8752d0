import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('games')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('SLOTS', 'DICE', 'ROULETTE')`))
    .addColumn('min_bet_cents', 'integer', (col) => col.notNull().check(sql`min_bet_cents > 0`))
    .addColumn('max_bet_cents', 'integer', (col) => col.notNull())
    .addColumn('rtp_percent', 'numeric(5, 2)', (col) => col.notNull())
    .addCheckConstraint('games_bet_limits', sql`max_bet_cents >= min_bet_cents`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('games').execute();
}
