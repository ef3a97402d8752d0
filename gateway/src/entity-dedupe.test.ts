import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource } from './data-sources.js';
import { dedupeRepresentations, expandEntities } from './entity-dedupe.js';

const game = (id: string) => ({ __typename: 'Game', id });

test('representations that repeat are sent once, in order of first appearance', () => {
  const deduped = dedupeRepresentations({ representations: [game('a'), game('b'), game('a'), game('c'), game('b')], other: 1 });
  assert.deepEqual(deduped, { distinct: [game('a'), game('b'), game('c')], positions: [0, 1, 0, 2, 1] });
});

test('nothing to fold: no representations, one, or all distinct', () => {
  assert.equal(dedupeRepresentations(undefined), undefined);
  assert.equal(dedupeRepresentations({ first: 3 }), undefined);
  assert.equal(dedupeRepresentations({ representations: [game('a')] }), undefined);
  assert.equal(dedupeRepresentations({ representations: [game('a'), game('b')] }), undefined);
});

test('representations of different types with the same key stay apart', () => {
  const deduped = dedupeRepresentations({ representations: [game('1'), { __typename: 'Player', id: '1' }, game('1')] });
  assert.deepEqual(deduped?.positions, [0, 1, 0]);
});

test('the answer is spread back to every original position, each duplicate its own copy', () => {
  const deduped = dedupeRepresentations({ representations: [game('a'), game('b'), game('a'), game('a')] })!;
  const answer = {
    data: {
      _entities: [
        { name: 'A', tags: ['x'] },
        { name: 'B', tags: [] },
      ],
    },
    extensions: { perf: { ms: 1 } },
  };
  const expanded = expandEntities(answer, deduped);
  const entities = expanded.data!['_entities'] as { name: string; tags: string[] }[];
  assert.deepEqual(entities, [
    { name: 'A', tags: ['x'] },
    { name: 'B', tags: [] },
    { name: 'A', tags: ['x'] },
    { name: 'A', tags: ['x'] },
  ]);
  // The gateway merges later fetches into each entity in place: no two positions may share an object.
  assert.notEqual(entities[0], entities[2]);
  assert.notEqual(entities[0]!.tags, entities[2]!.tags);
  assert.notEqual(entities[2], entities[3]);
  assert.deepEqual(expanded.extensions, { perf: { ms: 1 } });
});

test('an error on a distinct entity is reported at every position that asked for it, the rest of its path kept', () => {
  const deduped = dedupeRepresentations({ representations: [game('a'), game('b'), game('a'), game('b')] })!;
  const answer = {
    data: { _entities: [null, { name: 'B', kind: null }] },
    errors: [
      { message: 'no game a', path: ['_entities', 0], extensions: { code: 'NOT_FOUND' } },
      { message: 'kind failed', path: ['_entities', 1, 'kind'] },
      { message: 'not about an entity' },
    ],
  };
  const expanded = expandEntities(answer, deduped);
  assert.deepEqual(expanded.data!['_entities'], [null, { name: 'B', kind: null }, null, { name: 'B', kind: null }]);
  assert.deepEqual(expanded.errors, [
    { message: 'no game a', path: ['_entities', 0], extensions: { code: 'NOT_FOUND' } },
    { message: 'no game a', path: ['_entities', 2], extensions: { code: 'NOT_FOUND' } },
    { message: 'kind failed', path: ['_entities', 1, 'kind'] },
    { message: 'kind failed', path: ['_entities', 3, 'kind'] },
    { message: 'not about an entity' },
  ]);
});

test('an answer whose _entities does not match what was sent is left for the gateway to report', () => {
  const deduped = dedupeRepresentations({ representations: [game('a'), game('a')] })!;
  const answer = { data: { _entities: [{ name: 'A' }, { name: 'A' }, { name: 'A' }] } };
  assert.equal(expandEntities(answer, deduped), answer);
  const failed = { data: null, errors: [{ message: 'down' }] };
  assert.equal(expandEntities(failed, deduped), failed);
});

test('the data source sends a subgraph each distinct representation once and answers for all of them', async (t) => {
  const received: unknown[][] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: { representations: { id: string }[] } };
      received.push(variables.representations);
      const body = { data: { _entities: variables.representations.map(({ id }) => ({ name: `Game ${id}` })) } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const source = new SubgraphDataSource('game', `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, 1_000);
  const ids = Array.from({ length: 200 }, (_, i) => String(i % 8));
  const context: GatewayContext = { forwardedHeaders: {}, startedAt: 0, subgraphCosts: {} };
  const options = {
    kind: 'incoming operation',
    request: {
      query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Game { name } } }',
      variables: { representations: ids.map(game) },
    },
    context,
    incomingRequestContext: { context },
  };
  const response = await source.process(options as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
  assert.equal(received.length, 1);
  assert.deepEqual(received[0], ['0', '1', '2', '3', '4', '5', '6', '7'].map(game));
  assert.deepEqual(
    response.data,
    { _entities: ids.map((id) => ({ name: `Game ${id}` })) },
    'the same answer as for all 200 representations',
  );
});
