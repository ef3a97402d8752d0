import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import express from 'express';
import { z } from 'zod';
import { loadConfig } from './config.js';
import { allowedHostsVariable, internalApiTokenVariable, internalRouteGuard } from './internal-route-guard.js';

const TOKEN = 'a'.repeat(40);
let server: Server;
let base: string;

before(async () => {
  const app = express();
  app.use('/internal', internalRouteGuard({ token: TOKEN, allowedHosts: ['localhost', '127.0.0.1', '::1', 'trace-arcade-users'] }));
  app.post('/internal/rounds', (_req, res) => {
    res.status(201).json({ status: 'recorded' });
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

/** A POST with these headers; node:http, since fetch does not let a caller set `Host`. */
function post(headers: Record<string, string>): Promise<{ status: number; body: { code?: string; message?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/internal/rounds`, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: string; message?: string },
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

test('the right token from an allowed host passes', async () => {
  assert.equal((await post({ authorization: `Bearer ${TOKEN}` })).status, 201);
  assert.equal((await post({ authorization: `Bearer ${TOKEN}`, host: 'trace-arcade-users:4001' })).status, 201);
  assert.equal((await post({ authorization: `Bearer ${TOKEN}`, host: '[::1]:4001' })).status, 201);
});

test('no token, another scheme or a wrong token: 401 saying which, never echoing it', async () => {
  const none = await post({});
  assert.deepEqual(none, {
    status: 401,
    body: { code: 'UNAUTHENTICATED', message: 'Authorization: expected "Bearer <the internal API token the services share>"; got none' },
  });
  assert.match((await post({ authorization: `Basic ${TOKEN}` })).body.message!, /got another scheme$/);
  const wrong = await post({ authorization: 'Bearer guessed-token' });
  assert.equal(wrong.status, 401);
  assert.match(wrong.body.message!, /got a different token$/);
  assert.doesNotMatch(JSON.stringify(wrong.body), /guessed-token/);
});

test('a Host this service is not known by (a rebound DNS name) is refused before the token is looked at', async () => {
  const rebound = await post({ authorization: `Bearer ${TOKEN}`, host: 'attacker.example:4001' });
  assert.deepEqual(rebound, {
    status: 403,
    body: {
      code: 'FORBIDDEN',
      message: 'Host: expected one of localhost, 127.0.0.1, ::1, trace-arcade-users; got "attacker.example:4001"',
    },
  });
});

test('the token is required and at least 32 characters; hosts default to the loopback names', () => {
  const schema = z.object({ INTERNAL_API_TOKEN: internalApiTokenVariable(), INTERNAL_ALLOWED_HOSTS: allowedHostsVariable() });
  assert.throws(
    () => loadConfig(schema, {}),
    /INTERNAL_API_TOKEN: expected the internal API token the services share \(at least 32 characters\); got nothing/,
  );
  assert.throws(() => loadConfig(schema, { INTERNAL_API_TOKEN: 'short' }), /INTERNAL_API_TOKEN: .*; got "short"/);
  assert.deepEqual(loadConfig(schema, { INTERNAL_API_TOKEN: TOKEN }).INTERNAL_ALLOWED_HOSTS, ['localhost', '127.0.0.1', '::1']);
  assert.deepEqual(
    loadConfig(schema, { INTERNAL_API_TOKEN: TOKEN, INTERNAL_ALLOWED_HOSTS: ' Users , users.ns.svc ' }).INTERNAL_ALLOWED_HOSTS,
    ['users', 'users.ns.svc'],
  );
});
