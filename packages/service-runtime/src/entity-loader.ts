import DataLoader from 'dataloader';

/**
 * A per-request DataLoader over a batch function that returns rows in any order:
 * results come back in key order, with an Error for each key that has no row.
 */
export function entityLoader<Key extends string | number, Row>(
  entity: string,
  load: (keys: readonly Key[]) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): DataLoader<Key, Row> {
  return new DataLoader<Key, Row>(async (keys) => {
    const rows = await load(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? new Error(`${entity} ${JSON.stringify(key)} not found`));
  });
}

/**
 * A per-request DataLoader for a one-to-many relation: every parent key gets its list
 * (possibly empty), in key order.
 */
export function relationLoader<Key extends string | number, Row>(
  load: (keys: readonly Key[]) => Promise<Row[]>,
  parentKeyOf: (row: Row) => Key,
): DataLoader<Key, Row[]> {
  return new DataLoader<Key, Row[]>(async (keys) => {
    const rows = await load(keys);
    const byParent = new Map<Key, Row[]>(keys.map((key) => [key, []]));
    for (const row of rows) byParent.get(parentKeyOf(row))?.push(row);
    return keys.map((key) => byParent.get(key) ?? []);
  });
}
