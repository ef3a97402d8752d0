import type { Migration, MigrationProvider } from 'kysely';
import * as createGames from './001-create-games.js';
import * as createBets from './002-create-bets.js';
import * as claimBets from './003-claim-bets.js';

/** Every migration in order; listed here rather than read from disk so the build alone defines them. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return { '001-create-games': createGames, '002-create-bets': createBets, '003-claim-bets': claimBets };
  },
};
