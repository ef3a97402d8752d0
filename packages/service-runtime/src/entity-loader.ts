import * as Sentry from '@sentry/node';
import DataLoader from 'dataloader';
import { fromDependency } from './dependency-failure.js';
import { NotFoundError } from './not-found-error.js';

/**
 * `batch` run inside one span per batch, `dataloader.batch <name>` with the number of keys: the
 * statement it runs hangs under it. This replaces the SDK's DataLoader integration (switched off in
 * instrument.ts), which also opens a `dataloader.load` span per key asked for: 200 of the 206 spans
 * of a fixed n-plus-one request in game, each saying only that a key was asked for.
 */
export function tracedBatch<Key, Value>(
  name: string,
  batch: (keys: readonly Key[]) => Promise<(Value | Error)[]>,
): (keys: readonly Key[]) => Promise<(Value | Error)[]> {
  return (keys) =>
    Sentry.startSpan(
      { name: `dataloader.batch ${name}`, op: 'function.dataloader', onlyIfParent: true, attributes: { 'dataloader.keys': keys.length } },
      () => batch(keys),
    );
}

/**
 * A per-request DataLoader over a batch function that returns rows in any order: results come
 * back in key order, with a NotFoundError (NOT_FOUND) for each key that has no row. When the batch
 * function itself fails, every key gets the same coded error naming `dependency` (e.g. 'game
 * database'): an outage is never reported as "not found".
 */
export function entityLoader<Key extends string | number, Row>(
  entity: string,
  load: (keys: readonly Key[]) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  dependency: string,
): DataLoader<Key, Row> {
  return new DataLoader<Key, Row>(
    tracedBatch(entity, async (keys) => {
      const rows = await fromDependency(dependency, () => load(keys));
      const byKey = new Map(rows.map((row) => [keyOf(row), row]));
      return keys.map((key) => byKey.get(key) ?? new NotFoundError(entity, key));
    }),
  );
}

/**
 * A per-request DataLoader for a one-to-many relation: every parent key gets its list
 * (possibly empty), in key order. A failing batch function is a coded error naming `dependency`.
 */
export function relationLoader<Key extends string | number, Row>(
  load: (keys: readonly Key[]) => Promise<Row[]>,
  parentKeyOf: (row: Row) => Key,
  dependency: string,
  name = 'relation',
): DataLoader<Key, Row[]> {
  return new DataLoader<Key, Row[]>(
    tracedBatch(name, async (keys) => {
      const rows = await fromDependency(dependency, () => load(keys));
      const byParent = new Map<Key, Row[]>(keys.map((key) => [key, []]));
      for (const row of rows) byParent.get(parentKeyOf(row))?.push(row);
      return keys.map((key) => byParent.get(key) ?? []);
    }),
  );
}
