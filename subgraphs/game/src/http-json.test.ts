import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { after, before, test } from 'node:test';
import { GraphQLError } from 'graphql';
import { requestJson } from './http-json.js';

let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/silent') return; // never answers: a stalled service
    if (req.url === '/broken') res.writeHead(503).end('{}');
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const shape = (error: unknown) => {
  assert.ok(error instanceof GraphQLError);
  return { message: error.message, extensions: error.extensions };
};

test('an answer comes back with its status and body', async () => {
  assert.deepEqual(await requestJson('payment provider', `${base}/ok`, { method: 'GET' }), { status: 200, body: { ok: true } });
});

test('nothing listening: UPSTREAM_UNAVAILABLE naming the service, saying the connection was refused', async () => {
  const url = `http://127.0.0.1:${await closedPort()}/v1/fraud-checks`;
  await assert.rejects(requestJson('payment provider', url, { method: 'POST', body: {} }), (error: unknown) => {
    assert.deepEqual(shape(error), {
      message: 'the payment provider is unavailable (connection refused); try again shortly',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', dependency: 'payment provider' },
    });
    assert.match(String((error as GraphQLError).originalError?.cause), /ECONNREFUSED/, 'the cause stays for the logs and Sentry');
    return true;
  });
});

test('no answer within the timeout: UPSTREAM_UNAVAILABLE after the timeout, not later', async () => {
  const started = performance.now();
  await assert.rejects(requestJson('payment provider', `${base}/silent`, { method: 'GET', timeoutMs: 300 }), (error: unknown) => {
    assert.deepEqual(shape(error), {
      message: 'the payment provider is unavailable (no answer within 300 ms); try again shortly',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', dependency: 'payment provider' },
    });
    return true;
  });
  const ms = performance.now() - started;
  assert.ok(ms >= 290 && ms < 1500, `failed after the timeout (${Math.round(ms)} ms)`);
});

test('a 5xx answer: UPSTREAM_UNAVAILABLE naming the service and the status', async () => {
  await assert.rejects(requestJson('users service', `${base}/broken`, { method: 'GET' }), (error: unknown) => {
    assert.deepEqual(shape(error), {
      message: 'the users service failed with HTTP 503; try again shortly',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', dependency: 'users service' },
    });
    return true;
  });
});
