import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODES, operationFor, SCENARIOS } from '@trace-arcade/scenarios';
import { LIST_SIZES } from '@trace-arcade/service-runtime';
import {
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { estimateCost } from './query-cost.js';
import { composeApiSchema } from './supergraph.js';

const schema = composeApiSchema();

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return estimateCost(schema, operation, fragments, variables);
}

test('each field counts once per object it is resolved on; a list multiplies its children by its page size', () => {
  // 1 (players) + 20 x 2 (id, rounds) + 200 x 2 (id, game) + 200 (name)
  assert.equal(cost('{ players(first: 20) { id rounds(last: 10) { id game { name } } } }'), 641);
  assert.equal(cost('{ games { id name } }'), 1 + 10 * 2, 'the game catalog counts as 10 items');
  assert.equal(cost('{ players(first: 3) { __typename id } }'), 4, '__typename is free');
  assert.equal(cost('{ __schema { types { name fields { name } } } }'), 0, 'introspection is free');
});

test('page sizes sent as variables count, and so do defaults of arguments and of variables', () => {
  const query = 'query($p: Int!, $r: Int!) { players(first: $p) { rounds(last: $r) { id } } }';
  assert.equal(cost(query, { p: 20, r: 10 }), 1 + 20 + 200);
  assert.equal(cost(query, { p: 100, r: 100 }), 1 + 100 + 10_000);
  assert.equal(cost('{ players { rounds { id } } }'), 1 + 20 + 200, 'schema defaults: first 20, last 10');
  assert.equal(cost('query($p: Int = 5) { players(first: $p) { id } }'), 6, "the variable's default");
  assert.equal(cost('query($p: Int = 5) { players(first: $p) { id } }', { p: 7 }), 8, 'the value sent over the default');
});

test('a page beyond its maximum counts as the maximum (the subgraph refuses it with the precise message); nonsense counts as 1', () => {
  assert.equal(cost('{ players(first: 100000) { id } }'), 1 + 100);
  assert.equal(cost('{ dailyStats(days: 9999) { day } }'), 1 + 366);
  assert.equal(cost('{ freePlay(gameId: "x", spins: 1000) { draw } }'), 1 + 10);
  assert.equal(cost('{ players(first: -5) { id } }'), 2);
  assert.equal(cost('query($p: Int!) { players(first: $p) { id } }', { p: 'lots' }), 1 + 20, 'not a number: the default');
  assert.equal(cost('query($p: Int!) { players(first: $p) { id } }', { p: 1e300 }), 1 + 100);
});

test('fragments, inline fragments and aliases count where they are spread', () => {
  const withFragment = `query { players(first: 10) { ...P } }
    fragment P on Player { id rounds(last: 5) { ... on Round { id outcome } } }`;
  assert.equal(cost(withFragment), 1 + 10 * 2 + 50 * 2);
  assert.equal(cost('{ a: players(first: 10) { id } b: players(first: 10) { id } }'), 2 * 11);
});

test('the catalog operations with their variables: what each costs', () => {
  const costs = Object.fromEntries(
    SCENARIOS.flatMap((scenario) =>
      MODES.map((mode) => {
        const { operation, variables } = operationFor(scenario, mode);
        return [`${scenario.name}=${mode}`, cost(operation, variables)];
      }),
    ),
  );
  assert.deepEqual(costs, {
    'n-plus-one=slow': 1261,
    'n-plus-one=fixed': 1261,
    'cpu-rng=slow': 10,
    'cpu-rng=fixed': 10,
    'slow-aggregation=slow': 222,
    'slow-aggregation=fixed': 222,
    'payment-latency=slow': 6,
    'payment-latency=fixed': 6,
    'regex-backtracking=slow': 3,
    'regex-backtracking=fixed': 3,
    'federation-waterfall=slow': 35,
    'federation-waterfall=fixed': 35,
    'pool-exhaustion=slow': 6,
    'pool-exhaustion=fixed': 6,
    'memory-leak=slow': 2401,
    'memory-leak=fixed': 2401,
    'infinite-loop=slow': 303,
    'infinite-loop=fixed': 303,
  });
});

test('every list field of the API has a size in LIST_SIZES, and its argument says the same maximum as the schema', () => {
  const lists: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      if (isListType(getNullableType(field.type))) lists.push(`${type.name}.${field.name}`);
    }
  }
  assert.deepEqual(lists.sort(), Object.keys(LIST_SIZES).sort());
  for (const [coordinate, size] of Object.entries(LIST_SIZES)) {
    if (!('argument' in size)) continue;
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    assert.ok(isObjectType(type));
    const argument = type.getFields()[fieldName]!.args.find((candidate) => candidate.name === size.argument);
    assert.ok(argument, `${coordinate} has an argument ${size.argument}`);
    assert.match(argument.description ?? '', new RegExp(`from 1 to ${size.max}\\.`), `${coordinate}(${size.argument}) states its maximum`);
  }
});

test('fragments that spread each other twice per level are costed in linear time', () => {
  let fragments = 'fragment F0 on Player { id }';
  for (let level = 1; level <= 60; level++)
    fragments += ` fragment F${level} on Player { ...F${level - 1} rounds(last: 1) { player { ...F${level - 1} } } }`;
  const started = performance.now();
  const estimate = cost(`{ players(first: 1) { ...F60 } } ${fragments}`);
  assert.ok(performance.now() - started < 100, 'no exponential walk');
  assert.ok(estimate > 2 ** 60, `the estimate says what the answer would hold: ${estimate}`);
});
