import type { Migration, MigrationProvider } from 'kysely';
import * as createPlayers from './001-create-players.js';
import * as createRounds from './002-create-rounds.js';
import * as addRoundBalance from './003-add-round-balance.js';

/** Every migration in order; listed here rather than read from disk so the build alone defines them. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return { '001-create-players': createPlayers, '002-create-rounds': createRounds, '003-add-round-balance': addRoundBalance };
  },
};
