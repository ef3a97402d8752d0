import type { Kysely } from 'kysely';

/**
 * Keeps the wallet balance each round left, so that a round recorded again (a retried bet) is
 * answered with what the wallet saw then, not with today's balance. Older rounds have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rounds').addColumn('balance_after_cents', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rounds').dropColumn('balance_after_cents').execute();
}
