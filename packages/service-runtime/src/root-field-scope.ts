import { AsyncLocalStorage } from 'node:async_hooks';
import { isObjectType, type GraphQLSchema } from 'graphql';

/** The response key (the alias, else the name) of the root field whose subtree is being resolved. */
const rootField = new AsyncLocalStorage<string>();

/**
 * Which root field of the operation the running resolver serves: its response key, so that two
 * aliases of one field are two calls. Undefined outside the resolvers of a schema passed to
 * `scopeRootFields`.
 */
export function currentRootField(): string | undefined {
  return rootField.getStore();
}

/**
 * Wraps, in place, every resolver the schema's code defines (root fields, `_entities` and its
 * `__resolveReference` calls, nested fields such as `Player.rounds`) so that `currentRootField`
 * names the root field of the path being resolved, across awaits; returns the schema. Fields
 * without a resolver of their own only read a property and are left alone.
 */
export function scopeRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) => {
        let path = info.path;
        while (path.prev) path = path.prev;
        return rootField.run(String(path.key), () => resolve(source, args, context, info));
      };
    }
  }
  return schema;
}
