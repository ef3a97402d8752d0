/**
 * Per-request values for code that has no context field of its own to keep them in: the workshop
 * attendee's DataLoaders, for instance. A value lives as long as the request's scope (the GraphQL
 * context), so a batch spans every resolver call of one request and never two requests.
 */
const valuesByScope = new WeakMap<object, Map<string, unknown>>();

/** The value kept under `key` for the request whose scope is `scope`; `create` makes it on the first call. */
export function perRequest<T>(scope: object, key: string, create: () => T): T {
  let values = valuesByScope.get(scope);
  if (!values) valuesByScope.set(scope, (values = new Map<string, unknown>()));
  if (!values.has(key)) values.set(key, create());
  return values.get(key) as T;
}
