import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { operationFor, SCENARIOS } from '@trace-arcade/scenarios';
import { planShape, type PlanShape } from './query-plan-shape.js';
import { SUPERGRAPH_FILE } from './supergraph.js';

type QueryPlan = Parameters<typeof planShape>[0];

process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';

/** The plans the gateway makes for the committed supergraph; subgraphs answer nothing, only the plan matters. */
const plans: QueryPlan[] = [];
const silent: GraphQLDataSource = { process: async () => ({ data: null }) };
const server = new ApolloServer({
  gateway: new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: () => silent,
    experimental_didResolveQueryPlan: ({ queryPlan }) => plans.push(queryPlan),
  }),
});
before(() => server.start());
after(() => server.stop());

async function planOf(query: string, variables: Record<string, unknown> = {}): Promise<QueryPlan> {
  plans.length = 0;
  await server.executeOperation({ query, variables });
  assert.equal(plans.length, 1, `one plan for ${query}`);
  return plans[0]!;
}

/** The subgraphs of a plan's fetches, in plan order, for messages. */
function fetchesOf(plan: QueryPlan): string {
  return JSON.stringify(plan.node, (key, value: unknown) =>
    key === 'operation' || key === 'requires' || key === 'operationDocumentNode' ? undefined : value,
  );
}

test('federation-waterfall: the slow operation is game → analytics → users, the fixed one two steps with game and analytics in parallel', async () => {
  const waterfall = SCENARIOS.find((scenario) => scenario.name === 'federation-waterfall')!;
  const slow = operationFor(waterfall, 'slow');
  const fixed = operationFor(waterfall, 'fixed');
  const slowPlan = await planOf(slow.operation, slow.variables);
  const fixedPlan = await planOf(fixed.operation, fixed.variables);
  assert.deepEqual(planShape(slowPlan), { fetches: 3, sequentialDepth: 3 } satisfies PlanShape, fetchesOf(slowPlan));
  assert.deepEqual(planShape(fixedPlan), { fetches: 3, sequentialDepth: 2 } satisfies PlanShape, fetchesOf(fixedPlan));
  assert.equal(slowPlan.node?.kind, 'Sequence');
  assert.equal(fixedPlan.node?.kind, 'Parallel');
});

test('a single-subgraph query is one fetch; a nested entity is one more sequential step', async () => {
  assert.deepEqual(planShape(await planOf('{ games { id name } }')), { fetches: 1, sequentialDepth: 1 });
  assert.deepEqual(planShape(await planOf('{ players(first: 2) { id rounds(last: 1) { game { name } } } }')), {
    fetches: 2,
    sequentialDepth: 2,
  });
  assert.deepEqual(planShape(await planOf('{ players(first: 2) { id metrics { roundsPlayed } rounds(last: 1) { game { name } } } }')), {
    fetches: 3,
    sequentialDepth: 2,
  });
});

test('an @include on a variable is a Condition: counted as its larger branch', async () => {
  const plan = await planOf(
    'query($more: Boolean!) { games { id name } players(first: 1) @include(if: $more) { id metrics { roundsPlayed } } }',
    {
      more: true,
    },
  );
  assert.match(fetchesOf(plan), /"Condition"/);
  assert.deepEqual(planShape(plan), { fetches: 3, sequentialDepth: 2 });
});

test('Defer: the deferred parts come after the primary, side by side; an empty plan is nothing', () => {
  const fetch = (serviceName: string) =>
    ({ kind: 'Fetch', serviceName, operation: '{}', operationName: undefined, operationKind: 'query' }) as const;
  const plan = {
    kind: 'QueryPlan',
    node: {
      kind: 'Defer',
      primary: { node: { kind: 'Sequence', nodes: [fetch('users'), { kind: 'Flatten', path: ['a'], node: fetch('game') }] } },
      deferred: [
        { depends: [], queryPath: [], node: fetch('analytics') },
        { depends: [], queryPath: [], node: { kind: 'Sequence', nodes: [fetch('analytics'), fetch('users')] } },
      ],
    },
  } as unknown as QueryPlan;
  assert.deepEqual(planShape(plan), { fetches: 5, sequentialDepth: 4 });
  assert.deepEqual(planShape({ kind: 'QueryPlan' }), { fetches: 0, sequentialDepth: 0 });
});
