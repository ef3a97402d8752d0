import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.js';
import { SubgraphDataSource } from './data-sources.js';

const servers: Server[] = [];
after(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A stand-in subgraph that answers every request after `delayMs`; counts the requests it saw end early. */
async function subgraph(delayMs: number) {
  const seen = { requests: 0, abandoned: 0 };
  const server = createServer((req, res) => {
    seen.requests++;
    req.resume();
    const timer = setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { games: [{ id: 'dice-classic' }] } }));
    }, delayMs);
    res.on('close', () => {
      if (!res.writableFinished) seen.abandoned++;
      clearTimeout(timer);
    });
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, seen };
}

function fetchGames(source: SubgraphDataSource) {
  const context: GatewayContext = { forwardedHeaders: {}, startedAt: 0, subgraphCosts: {} };
  // The kind Apollo Gateway uses for a request of its own (its enum is not exported).
  const options = { kind: 'health check', request: { query: '{ games { id } }' }, context };
  return source.process(options as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
}

test('a subgraph that answers within its timeout is answered as usual', async () => {
  const { url } = await subgraph(20);
  const response = await fetchGames(new SubgraphDataSource('game', url, 1_000));
  assert.deepEqual(response.data, { games: [{ id: 'dice-classic' }] });
});

test('a subgraph slower than its timeout: SUBGRAPH_TIMEOUT naming it and the timeout, and the request is aborted', async () => {
  const { url, seen } = await subgraph(5_000);
  const started = performance.now();
  await assert.rejects(fetchGames(new SubgraphDataSource('analytics', url, 150)), (error: unknown) => {
    assert.ok(error instanceof GraphQLError);
    assert.equal(error.message, 'analytics subgraph: expected an answer within 150 ms; got none');
    assert.deepEqual(error.extensions, { code: 'SUBGRAPH_TIMEOUT', subgraph: 'analytics', timeoutMs: 150 });
    return true;
  });
  const ms = performance.now() - started;
  assert.ok(ms >= 140 && ms < 1_000, `gave up after ${Math.round(ms)} ms`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(seen, { requests: 1, abandoned: 1 }, 'the connection was closed, not left waiting');
});

test('each fetch has its own deadline: a fast one after a slow one is answered', async () => {
  const slow = await subgraph(5_000);
  const fast = await subgraph(10);
  const source = new SubgraphDataSource('users', slow.url, 200);
  const slowFetch = assert.rejects(fetchGames(source), /users subgraph: expected an answer within 200 ms/);
  const quick = new SubgraphDataSource('users', fast.url, 200);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.deepEqual((await fetchGames(quick)).data, { games: [{ id: 'dice-classic' }] });
  await slowFetch;
});

test('a subgraph that is down: UPSTREAM_UNAVAILABLE naming it, without its address', async () => {
  const { url } = await subgraph(0);
  servers.at(-1)!.closeAllConnections();
  await new Promise((resolve) => servers.at(-1)!.close(resolve));
  await assert.rejects(fetchGames(new SubgraphDataSource('game', url, 1_000)), (error: unknown) => {
    assert.ok(error instanceof GraphQLError);
    assert.equal(error.message, 'the game subgraph is unavailable; try again shortly');
    assert.deepEqual(error.extensions, { code: 'UPSTREAM_UNAVAILABLE', dependency: 'game subgraph' });
    assert.equal((error.originalError as NodeJS.ErrnoException).code, 'ECONNREFUSED', 'the cause stays for the logs and Sentry');
    assert.doesNotMatch(error.message, /127\.0\.0\.1|:\d{2,5}/);
    return true;
  });
});

test('other failures pass through unchanged', async () => {
  const source = new SubgraphDataSource('game', 'http://127.0.0.1:1/graphql', 1_000);
  const thrown = new Error('Expected JSON response body, but received: nope');
  assert.throws(
    () => source.didEncounterError(thrown),
    (error: unknown) => error === thrown,
  );
});

test('the heap a subgraph reports is the largest of its fetches, not their sum', async () => {
  const source = new SubgraphDataSource('analytics', 'http://127.0.0.1:1/graphql', 1_000);
  const context: GatewayContext = { forwardedHeaders: {}, startedAt: 0, subgraphCosts: {} };
  const perf = (heapUsedBytes: number) => ({
    ms: 1,
    sqlStatements: 0,
    sqlMs: 0,
    mongoCommands: 1,
    mongoMs: 1,
    httpCalls: 0,
    heapUsedBytes,
  });
  for (const heap of [50_000_000, 70_000_000, 60_000_000]) {
    const options = { response: { extensions: { perf: perf(heap) } }, context } as unknown as Parameters<
      SubgraphDataSource['didReceiveResponse']
    >[0];
    await source.didReceiveResponse(options);
  }
  assert.equal(context.subgraphCosts.analytics?.fetches, 3);
  assert.equal(context.subgraphCosts.analytics?.mongoCommands, 3, 'counts are summed');
  assert.equal(context.subgraphCosts.analytics?.heapUsedBytes, 70_000_000, 'the heap is the maximum');
});
