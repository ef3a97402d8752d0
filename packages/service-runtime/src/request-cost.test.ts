import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { measureRequest, RequestCost } from './request-cost.js';

test("outbound HTTP counts for the request that made it, but not the SDK's envelopes to its DSN", async (t) => {
  const server = createServer((_req, res) => res.end('{}'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cost = new RequestCost({});
  await measureRequest(cost, async () => {
    await (await fetch(`${base}/v1/charges`, { method: 'POST', body: '{}' })).text();
    await (await fetch(`${base}/api/1/envelope/`, { method: 'POST', body: '{}' })).text();
    await (await fetch(`${base}/api/4509999/envelope/?sentry_key=k`, { method: 'POST', body: '{}' })).text();
  });
  assert.equal(cost.httpCalls, 1);
});
