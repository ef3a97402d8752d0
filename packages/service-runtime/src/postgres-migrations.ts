/**
 * Schema migrations for the services on PostgreSQL, imported as `@trace-arcade/service-runtime/postgres-migrations`:
 * kept out of the package's index so that the services without PostgreSQL (gateway, analytics, payment
 * provider) do not load Kysely, which costs each about half a CPU-second at start-up.
 */
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { retryUntilReady } from './retry.js';
import type { Logger } from 'pino';

/** Applies every pending numbered migration; safe to run on every start. */
export async function migrateToLatest(db: Kysely<unknown>, provider: MigrationProvider, log: Logger): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  for (const result of results ?? []) {
    log.info({ migration: result.migrationName, status: result.status }, 'migration');
  }
  if (error) throw new Error(`migrations failed: ${(error as Error).message}`, { cause: error });
}

/**
 * Waits for the service's PostgreSQL database (logging while it is not up), applies pending
 * migrations, and returns the ping that the readiness check runs.
 */
export async function preparePostgres<Database>(
  db: Kysely<Database>,
  options: { what: string; migrations: MigrationProvider; log: Logger },
): Promise<() => Promise<unknown>> {
  const ping = () => sql`select 1`.execute(db);
  await retryUntilReady(ping, { what: options.what, log: options.log });
  await migrateToLatest(db as unknown as Kysely<unknown>, options.migrations, options.log);
  return ping;
}
