/** CORS on a real gateway, started in this process with subgraph URLs where nothing listens. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createLogger, type RunningService } from '@trace-arcade/service-runtime';
import { loadServiceConfig } from './config.js';
import { startGateway } from './gateway-service.js';

const PANEL = 'http://localhost:5173';
let gateway: RunningService;

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

before(async () => {
  const nowhere = await closedPortUrl();
  const log = createLogger('gateway');
  log.level = 'silent';
  const config = loadServiceConfig({ USERS_URL: nowhere, GAME_URL: nowhere, ANALYTICS_URL: nowhere, SENTRY_TRACES_SAMPLE_RATE: '0.1' });
  // Port 0: any free port (the variable itself asks for a real one).
  gateway = await startGateway({ ...config, PORT: 0 }, log);
});
after(() => gateway?.stop());

function preflight(path: string, origin: string) {
  return fetch(`${gateway.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-scenarios,sentry-trace,baggage,traceparent',
    },
  });
}

test('a preflight from an allowed origin lists the allowed methods and headers', async () => {
  for (const path of ['/graphql', '/about', '/health/ready']) {
    const response = await preflight(path, PANEL);
    assert.equal(response.status, 204, path);
    assert.equal(response.headers.get('access-control-allow-origin'), PANEL, path);
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET,POST,OPTIONS');
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type,x-scenarios,sentry-trace,baggage,traceparent');
    assert.equal(response.headers.get('access-control-allow-credentials'), null, 'no credentials');
  }
  // The default list has the panel under both of its local names.
  assert.equal((await preflight('/graphql', 'http://127.0.0.1:5173')).headers.get('access-control-allow-origin'), 'http://127.0.0.1:5173');
});

test('an origin not on the list gets no access-control-allow-origin, so its browser refuses the answer', async () => {
  for (const origin of ['http://evil.example', 'http://localhost:5174', 'https://localhost:5173']) {
    const response = await preflight('/graphql', origin);
    assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
    const simple = await fetch(`${gateway.url}/scenarios`, { headers: { origin } });
    assert.equal(simple.status, 200);
    assert.equal(simple.headers.get('access-control-allow-origin'), null, origin);
  }
});

test('actual requests from the panel carry access-control-allow-origin, /about and /graphql included', async () => {
  const about = await fetch(`${gateway.url}/about`, { headers: { origin: PANEL } });
  assert.equal(about.status, 200);
  assert.equal(about.headers.get('access-control-allow-origin'), PANEL);
  assert.match(about.headers.get('vary') ?? '', /origin/i);
  const body = (await about.json()) as { tracing: unknown; mongo: { server: string; detail: string } };
  // Nothing listens where analytics should be: still 200, the MongoDB part unknown, the reason given.
  assert.deepEqual(body.tracing, { destination: 'none', sampleRate: 0.1 });
  assert.equal(body.mongo.server, 'unknown');
  assert.match(body.mongo.detail, /^analytics did not answer: connect ECONNREFUSED/);

  const graphql = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { origin: PANEL, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  assert.equal(graphql.headers.get('access-control-allow-origin'), PANEL);
});
