import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import type { Logger } from 'pino';

/** Applies every pending numbered migration; safe to run on every start. */
export async function migrateToLatest(db: Kysely<unknown>, provider: MigrationProvider, log: Logger): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  for (const result of results ?? []) {
    log.info({ migration: result.migrationName, status: result.status }, 'migration');
  }
  if (error) throw new Error(`migrations failed: ${(error as Error).message}`, { cause: error });
}
