/**
 * Sends a subgraph each entity representation once. @apollo/gateway (2.14) builds one
 * representation per entity in the response, duplicates included: for the n-plus-one operation
 * that is 200 `Game` representations naming 8 games. The subgraph then resolves, serializes and
 * returns each of them 200 times. Here the `representations` variable of an `_entities` fetch
 * keeps each distinct representation once, and the answer is spread back to every original
 * position (each duplicate a copy: the gateway merges later fetches into each entity in place),
 * errors included, so the gateway sees exactly what the subgraph would have answered for all 200.
 */
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How the representations of one fetch were folded, and how to unfold its answer. */
export interface DedupedRepresentations {
  /** Each distinct representation once, in order of first appearance. */
  distinct: unknown[];
  /** For each original position, the index of its representation in `distinct`. */
  positions: number[];
}

/**
 * The distinct representations of `variables`, or undefined when there is nothing to fold (not an
 * entity fetch, or no representation repeats).
 */
export function dedupeRepresentations(variables: Record<string, unknown> | undefined): DedupedRepresentations | undefined {
  const representations = variables?.['representations'];
  if (!Array.isArray(representations) || representations.length < 2) return undefined;
  const indexByKey = new Map<string, number>();
  const distinct: unknown[] = [];
  const positions: number[] = [];
  for (const representation of representations) {
    // The gateway builds every representation from the same selection set: equal ones serialize equally.
    const key = JSON.stringify(representation);
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = distinct.length;
      indexByKey.set(key, index);
      distinct.push(representation);
    }
    positions.push(index);
  }
  return distinct.length < representations.length ? { distinct, positions } : undefined;
}

/** A deep copy of a JSON value (what a GraphQL response is made of). */
function copy(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy);
  const result: { [key: string]: Json } = {};
  for (const key of Object.keys(value)) result[key] = copy(value[key]!);
  return result;
}

/**
 * The response the subgraph would have given for every original representation: `data._entities`
 * in the original positions, and each error whose path starts `['_entities', i]` once per position
 * that asked for entity `i`. A response whose `_entities` does not match the distinct count is
 * returned as it is, for the gateway to report.
 */
export function expandEntities(response: GatewayGraphQLResponse, deduped: DedupedRepresentations): GatewayGraphQLResponse {
  const { distinct, positions } = deduped;
  const entities = response.data?.['_entities'] as Json[] | undefined;
  if (!Array.isArray(entities) || entities.length !== distinct.length) return response;
  const used = new Array<boolean>(distinct.length).fill(false);
  const expanded = positions.map((index) => {
    const entity = entities[index]!;
    if (!used[index]) {
      used[index] = true;
      return entity;
    }
    return copy(entity);
  });
  const result: GatewayGraphQLResponse = { ...response, data: { ...response.data, _entities: expanded } };
  if (response.errors) result.errors = expandErrors(response.errors, positions);
  return result;
}

/** The original positions of each distinct index, in order. */
function positionsByIndex(positions: number[]): number[][] {
  const byIndex: number[][] = [];
  positions.forEach((index, position) => (byIndex[index] ??= []).push(position));
  return byIndex;
}

function expandErrors(errors: NonNullable<GatewayGraphQLResponse['errors']>, positions: number[]): GatewayGraphQLResponse['errors'] {
  let byIndex: number[][] | undefined;
  return errors.flatMap((error) => {
    const path = error.path;
    if (path?.[0] !== '_entities' || typeof path[1] !== 'number') return [error];
    byIndex ??= positionsByIndex(positions);
    const targets = byIndex[path[1]];
    if (!targets) return [error];
    return targets.map((position) => ({ ...error, path: ['_entities', position, ...path.slice(2)] }));
  });
}
