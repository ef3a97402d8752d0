import { badUserInput } from './graphql-errors.js';

/** Player ids are positive whole numbers, carried as GraphQL IDs; every subgraph reads them the same way. */
export function parsePlayerId(argument: string, value: unknown): number {
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw badUserInput(argument, 'a player id (a positive whole number)', value);
  return id;
}
