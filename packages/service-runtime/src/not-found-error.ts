import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';

/**
 * A row that does not exist: the one failure that is NOT_FOUND. Entity loaders return it for a
 * key without a row; anything else that goes wrong is a different error (see dependency-failure.ts).
 */
export class NotFoundError extends GraphQLError {
  constructor(
    readonly entity: string,
    readonly key: string | number,
    details: Record<string, unknown> = {},
  ) {
    super(`no ${entity} with id ${JSON.stringify(key)}`, { extensions: { code: 'NOT_FOUND', ...details } });
    this.name = 'NotFoundError';
  }
}

/**
 * Loads the row a field argument names. A missing row is NOT_FOUND naming the argument; every
 * other failure (an unreachable database, say) passes through as it is, never as NOT_FOUND.
 */
export async function loadForArgument<Key, Row>(loader: DataLoader<Key, Row>, key: Key, argument: string): Promise<Row> {
  try {
    return await loader.load(key);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(error.entity, error.key, { argument });
    throw error;
  }
}
