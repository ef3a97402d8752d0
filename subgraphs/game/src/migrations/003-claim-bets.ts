import { sql, type Kysely } from 'kysely';

const RESULT_COLUMNS = ['authorization_id', 'won', 'payout_cents', 'draw', 'balance_cents'] as const;

/**
 * A bet's row is written before it is charged: a request claims the idempotency key with a
 * `pending` row, so exactly one request plays the bet; the result columns are filled as it is
 * played and the row is `settled` at the end. Bets stored before this migration are settled.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('bets')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('settled'))
    .addColumn('choice', 'text')
    .addColumn('claim_token', 'uuid')
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('charge_attempt', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('outcome', 'text')
    .addColumn('settled_at', 'timestamptz')
    .execute();
  // Every new row names its status; the default only filled the rows already there.
  await db.schema
    .alterTable('bets')
    .alterColumn('status', (col) => col.dropDefault())
    .execute();
  for (const column of RESULT_COLUMNS) {
    await db.schema
      .alterTable('bets')
      .alterColumn(column, (col) => col.dropNotNull())
      .execute();
  }
  await db.schema
    .alterTable('bets')
    .addCheckConstraint('bets_status', sql`status in ('pending', 'open', 'settled')`)
    .execute();
  await db.schema
    .alterTable('bets')
    .addCheckConstraint('bets_pending_claimed', sql`status <> 'pending' or (claim_token is not null and claimed_at is not null)`)
    .execute();
  await db.schema
    .alterTable('bets')
    .addCheckConstraint(
      'bets_settled_result',
      sql`status <> 'settled' or (authorization_id is not null and won is not null and payout_cents is not null and draw is not null and balance_cents is not null)`,
    )
    .execute();
}

/** Back to settled bets only: bets not yet settled are dropped (their holds are the payment provider's to expire). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from bets where status <> 'settled'`.execute(db);
  for (const constraint of ['bets_settled_result', 'bets_pending_claimed', 'bets_status']) {
    await db.schema.alterTable('bets').dropConstraint(constraint).execute();
  }
  for (const column of RESULT_COLUMNS) {
    await db.schema
      .alterTable('bets')
      .alterColumn(column, (col) => col.setNotNull())
      .execute();
  }
  await db.schema
    .alterTable('bets')
    .dropColumn('status')
    .dropColumn('choice')
    .dropColumn('claim_token')
    .dropColumn('claimed_at')
    .dropColumn('charge_attempt')
    .dropColumn('outcome')
    .dropColumn('settled_at')
    .execute();
}
