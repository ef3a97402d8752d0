import * as Sentry from '@sentry/node';

/**
 * Spans for a cache that Sentry's Caches insights read (op `cache.get` with `cache.hit`, `cache.key`
 * and `cache.item_size`; `cache.put` with `cache.key` and `cache.item_size`; see insights-spans.ts).
 * `key` is what the span shows as the key: pass one that names no person (a player id replaced by
 * `?`, as a query's values are), since it is sent as it is. One span per cache call: call them once
 * per request or batch, never per entity reference (a span between repeated queries hides an N+1).
 */
export function cacheGet<T>(key: string, read: () => T | undefined, sizeOf: (value: T) => number): T | undefined {
  return Sentry.startSpan({ name: key, op: 'cache.get', onlyIfParent: true, attributes: { 'cache.key': [key] } }, (span) => {
    const value = read();
    span.setAttribute('cache.hit', value !== undefined);
    if (value !== undefined) span.setAttribute('cache.item_size', sizeOf(value));
    return value;
  });
}

/** Writes an item of `size` bytes under `key` (the described key, as for `cacheGet`). */
export function cachePut<T>(key: string, size: number, write: () => T): T {
  return Sentry.startSpan(
    { name: key, op: 'cache.put', onlyIfParent: true, attributes: { 'cache.key': [key], 'cache.item_size': size } },
    write,
  );
}
