import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ApolloServer } from '@apollo/server';
import { MODES, operationFor, SCENARIOS } from '@trace-arcade/scenarios';
import { loadServiceConfig } from './config.js';
import { queryLimitRules, queryLimitsPlugin, queryParseOptions, type QueryLimits } from './query-limits.js';
import { composeApiSchema } from './supergraph.js';

const schema = composeApiSchema();
const LIMIT_CODES = new Set(['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'TOO_MANY_TOKENS']);

const servers: ApolloServer[] = [];
after(() => Promise.all(servers.map((server) => server.stop())));

/** Apollo Server over the gateway's API schema with the limits as the gateway installs them; resolvers answer nothing. */
async function serverWith(limits: QueryLimits) {
  const server = new ApolloServer({
    schema,
    validationRules: queryLimitRules(limits),
    parseOptions: queryParseOptions(limits),
    plugins: [queryLimitsPlugin(limits)],
    includeStacktraceInErrorResponses: false,
  });
  await server.start();
  servers.push(server);
  return async (query: string, variables?: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, ...(variables ? { variables } : {}) });
    assert.equal(response.body.kind, 'single');
    const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
    return {
      status: response.http.status ?? 200,
      errors: errors.map((error): Record<string, unknown> => ({ message: error.message, ...error.extensions })),
    };
  };
}

const config = loadServiceConfig({});
const defaults: QueryLimits = {
  maxDepth: config.MAX_QUERY_DEPTH,
  maxCost: config.MAX_QUERY_COST,
  maxAliases: config.MAX_QUERY_ALIASES,
  maxDirectives: config.MAX_QUERY_DIRECTIVES,
  maxTokens: config.MAX_QUERY_TOKENS,
};

test('the defaults: depth 8, cost 5000, 15 aliases, 20 directives, 1000 tokens', () => {
  assert.deepEqual(defaults, { maxDepth: 8, maxCost: 5000, maxAliases: 15, maxDirectives: 20, maxTokens: 1000 });
});

test('every catalog operation passes every limit at the defaults, and at half of them', async () => {
  const half = await serverWith({ maxDepth: 4, maxCost: 2500, maxAliases: 0, maxDirectives: 0, maxTokens: 500 });
  const run = await serverWith(defaults);
  for (const scenario of SCENARIOS) {
    for (const mode of MODES) {
      const { operation, variables } = operationFor(scenario, mode);
      for (const send of [run, half]) {
        const { errors } = await send(operation, variables);
        const refused = errors.filter((error) => LIMIT_CODES.has(String(error.code)));
        assert.deepEqual(refused, [], `${scenario.name}=${mode} passes`);
      }
    }
  }
});

test('too deep: QUERY_TOO_DEEP (HTTP 400) with the limit and the depth that arrived; fragments add no level', async () => {
  const run = await serverWith({ ...defaults, maxDepth: 3 });
  assert.deepEqual((await run('{ players { rounds { game { name } } } }')).errors[0], {
    message: 'query depth: expected at most 3 levels of nested fields; got 4',
    code: 'QUERY_TOO_DEEP',
    limit: 3,
    got: 4,
  });
  assert.equal((await run('{ players { rounds { game { name } } } }')).status, 400);
  const withFragment = await run('{ players { ...P } } fragment P on Player { rounds { id } }');
  assert.deepEqual(
    withFragment.errors.filter((error) => LIMIT_CODES.has(String(error.code))),
    [],
  );
});

test('too many aliases: TOO_MANY_ALIASES', async () => {
  const run = await serverWith(defaults);
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `g${i}: games { id }`).join(' ')} }`;
  assert.deepEqual(
    (await run(aliases(15))).errors.filter((error) => error.code === 'TOO_MANY_ALIASES'),
    [],
  );
  const { status, errors } = await run(aliases(16));
  assert.equal(status, 400);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.code, 'TOO_MANY_ALIASES');
  assert.equal(errors[0]!.message, 'aliases: expected at most 15 in one operation; got 16');
});

test('an alias named __typename, or of the __typename field, counts like any other', async () => {
  const run = await serverWith(defaults);
  const fifteen = Array.from({ length: 15 }, (_, i) => `g${i}: games { id }`).join(' ');
  const named = await run(`{ ${fifteen} __typename: games { id } }`);
  assert.deepEqual(
    named.errors.map((error) => error.message),
    ['aliases: expected at most 15 in one operation; got 16'],
  );
  const ofTypename = await run(`{ ${Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ')} }`);
  assert.deepEqual(
    ofTypename.errors.map((error) => error.message),
    ['aliases: expected at most 15 in one operation; got 16'],
  );
});

test('too many directives: TOO_MANY_DIRECTIVES', async () => {
  const run = await serverWith(defaults);
  const query = `{ games { ${Array.from({ length: 21 }, () => 'id @include(if: true)').join(' ')} } }`;
  const { status, errors } = await run(query);
  assert.equal(status, 400);
  assert.deepEqual(
    errors.map((error) => [error.code, error.message]),
    [['TOO_MANY_DIRECTIVES', 'directives: expected at most 20 in one operation; got 21']],
  );
});

test('too many tokens: TOO_MANY_TOKENS, before the document is parsed in full', async () => {
  const run = await serverWith(defaults);
  const fields = (n: number) => `{ games { ${Array.from({ length: n }, () => 'id').join(' ')} } }`;
  assert.deepEqual(
    (await run(fields(990))).errors.filter((error) => error.code === 'TOO_MANY_TOKENS'),
    [],
  );
  const { status, errors } = await run(fields(5_000));
  assert.equal(status, 400);
  assert.deepEqual(
    errors.map((error) => [error.code, error.message]),
    [['TOO_MANY_TOKENS', 'query: expected at most 1000 tokens (names, punctuation, values); got more']],
  );
});

test('too costly: QUERY_TOO_COMPLEX with the limit and the estimate, page sizes sent as variables included', async () => {
  const run = await serverWith(defaults);
  const nPlusOne = SCENARIOS.find((scenario) => scenario.name === 'n-plus-one')!;
  const { status, errors } = await run(nPlusOne.operation, { players: 100, rounds: 100 });
  assert.equal(status, 400);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.code, 'QUERY_TOO_COMPLEX');
  assert.equal(
    errors[0]!.message,
    'query cost: expected at most 5000 (each field counted once per object it is resolved on, lists by their page size); got 60301',
  );
  assert.equal(errors[0]!.got, 60301);
  // Nested lists: 20 players x 10 rounds x their player's 10 rounds ... by default page sizes alone.
  const nested = await run('{ players { rounds { player { rounds { player { rounds { id } } } } } } }');
  assert.equal(nested.errors[0]?.code, 'QUERY_TOO_COMPLEX');
});
