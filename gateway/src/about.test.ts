import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { fetchMongoAbout, tracingAbout } from './about.js';

const servers: Server[] = [];
after(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A stand-in for the analytics subgraph that answers with `listener`; returns its base URL. */
async function analytics(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json =
  (status: number, body: unknown): RequestListener =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

test('tracing destination: a DSN with the public key spotlight is Spotlight, another DSN Sentry, none is none', () => {
  const rate = { SENTRY_TRACES_SAMPLE_RATE: 0.1, SENTRY_SPOTLIGHT: undefined };
  assert.deepEqual(tracingAbout({ ...rate, SENTRY_DSN: 'http://spotlight@localhost:8969/0' }), {
    destination: 'spotlight',
    sampleRate: 0.1,
  });
  assert.deepEqual(tracingAbout({ ...rate, SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/42' }), {
    destination: 'sentry',
    sampleRate: 0.1,
  });
  assert.deepEqual(tracingAbout({ ...rate, SENTRY_DSN: undefined }), { destination: 'none', sampleRate: 0.1 });
  assert.deepEqual(
    tracingAbout({ SENTRY_DSN: undefined, SENTRY_SPOTLIGHT: 'http://localhost:8969/stream', SENTRY_TRACES_SAMPLE_RATE: 1 }),
    {
      destination: 'spotlight',
      sampleRate: 1,
    },
  );
});

test("analytics' answer is passed on as it is", async () => {
  const mongo = { server: 'stand-in', version: '5.0.0', indexesUsed: false, detail: 'MongoDB wire-protocol stand-in' };
  assert.deepEqual(await fetchMongoAbout(await analytics(json(200, { mongo }))), mongo);
});

test('when analytics fails, the server is unknown and the detail says why', async () => {
  const unknown = { server: 'unknown', version: null, indexesUsed: null };
  assert.deepEqual(await fetchMongoAbout(await analytics(json(503, { error: 'down' }))), {
    ...unknown,
    detail: 'analytics did not answer: GET /about answered HTTP 503',
  });
  const wrong = await fetchMongoAbout(await analytics(json(200, { mongo: { server: 'mysql' } })));
  assert.equal(wrong.server, 'unknown');
  assert.match(wrong.detail, /^analytics did not answer: GET \/about answered an unexpected body \(mongo\.server: /);
  const notJson = await fetchMongoAbout(await analytics((_req, res) => res.end('<html>')));
  assert.match(notJson.detail, /^analytics did not answer: GET \/about answered something other than JSON/);

  const silent = await analytics(() => undefined);
  assert.deepEqual(await fetchMongoAbout(silent, 100), { ...unknown, detail: 'analytics did not answer: no answer within 100 ms' });

  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  const refused = await fetchMongoAbout(`http://127.0.0.1:${port}`);
  assert.deepEqual(refused, { ...unknown, detail: `analytics did not answer: connect ECONNREFUSED 127.0.0.1:${port}` });
});
