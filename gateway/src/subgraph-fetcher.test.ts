import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { test, type TestContext } from 'node:test';
import { SERVER_KEEP_ALIVE_TIMEOUT_MS } from '@trace-arcade/service-runtime';
import { IDLE_SOCKET_TIMEOUT_MS, isRetryableBody, subgraphFetcher } from './subgraph-fetcher.js';

/** A stand-in server: answers `answer(req, body)` after `delayMs`; counts connections and keeps what it received. */
async function server(t: TestContext, answer: { status: number; body: string; delayMs?: number }) {
  const seen = { connections: 0, requests: [] as { method?: string; headers: IncomingMessage['headers']; body: string }[] };
  const instance = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.requests.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const timer = setTimeout(
        () => res.writeHead(answer.status, { 'content-type': 'application/json', 'x-extra': 'yes' }).end(answer.body),
        answer.delayMs ?? 0,
      );
      res.on('close', () => clearTimeout(timer));
    });
  });
  instance.on('connection', () => seen.connections++);
  instance.listen(0, '127.0.0.1');
  await once(instance, 'listening');
  t.after(() => {
    instance.closeAllConnections();
    instance.close();
  });
  return { url: `http://127.0.0.1:${(instance.address() as AddressInfo).port}/graphql`, seen };
}

test('posts the body with the headers given and returns status, headers and the JSON answer', async (t) => {
  const { url, seen } = await server(t, { status: 200, body: '{"data":{"ok":true}}' });
  const response = await subgraphFetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-scenarios': 'n-plus-one=fixed' },
    body: '{"query":"{ ok }"}',
  });
  assert.equal(response.ok, true);
  assert.equal(response.status, 200);
  assert.equal(response.url, url);
  assert.equal(response.headers.get('Content-Type'), 'application/json');
  assert.equal(response.headers.get('x-extra'), 'yes');
  assert.deepEqual(await response.clone().json(), { data: { ok: true } });
  assert.equal(await response.text(), '{"data":{"ok":true}}');
  assert.equal(seen.requests[0]!.method, 'POST');
  assert.equal(seen.requests[0]!.headers['x-scenarios'], 'n-plus-one=fixed');
  assert.equal(seen.requests[0]!.body, '{"query":"{ ok }"}');
});

test('a status outside 2xx is not ok and keeps its body', async (t) => {
  const { url } = await server(t, { status: 503, body: '{"errors":[{"message":"down"}]}' });
  const response = await subgraphFetcher(url, { method: 'POST', body: '{}' });
  assert.equal(response.ok, false);
  assert.equal(response.status, 503);
  assert.equal(response.statusText, 'Service Unavailable');
  assert.deepEqual(await response.json(), { errors: [{ message: 'down' }] });
});

test('sequential requests share one kept-alive connection', async (t) => {
  const { url, seen } = await server(t, { status: 200, body: '{}' });
  for (let i = 0; i < 5; i++) await (await subgraphFetcher(url, { method: 'POST', body: '{}' })).json();
  assert.equal(seen.requests.length, 5);
  assert.equal(seen.connections, 1);
});

test('a signal that fires ends the request with its reason', async (t) => {
  const { url } = await server(t, { status: 200, body: '{}', delayMs: 5_000 });
  const started = performance.now();
  await assert.rejects(subgraphFetcher(url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(100) }), { name: 'TimeoutError' });
  assert.ok(performance.now() - started < 1_000);
  await assert.rejects(subgraphFetcher(url, { method: 'POST', body: '{}', signal: AbortSignal.abort() }), { name: 'AbortError' });
});

test('a refused connection is an error', async () => {
  await assert.rejects(subgraphFetcher('http://127.0.0.1:1/graphql', { method: 'POST', body: '{}' }), { code: 'ECONNREFUSED' });
});

/**
 * A subgraph that closes an idle keep-alive connection at the moment the gateway reuses it: the
 * first connection answers its first request with keep-alive, then resets when the next request
 * arrives on it (what a server's keep-alive timeout does when it fires as the request is written).
 * Every later connection answers. Counts connections and the request heads it received.
 */
async function closesIdleSocketOnReuse(t: TestContext) {
  const seen = { connections: 0, requestHeads: 0 };
  const body = '{"data":{"ok":true}}';
  const answer = `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`;
  const instance = createTcpServer((socket: Socket) => {
    const connection = ++seen.connections;
    let requests = 0;
    socket.on('data', (chunk: Buffer) => {
      const heads = chunk.toString('latin1').match(/^(GET|POST) /gm)?.length ?? 0;
      seen.requestHeads += heads;
      requests += heads;
      if (connection === 1 && requests > 1) socket.resetAndDestroy();
      else socket.write(answer);
    });
  });
  instance.listen(0, '127.0.0.1');
  await once(instance, 'listening');
  t.after(() => instance.close());
  return { url: `http://127.0.0.1:${(instance.address() as AddressInfo).port}/graphql`, seen };
}

const QUERY_BODY = '{"query":"query Op__game__0{games{id}}","variables":{},"operationName":"Op__game__0"}';
const MUTATION_BODY = '{"query":"mutation Op__game__0{playRound{won}}","variables":{},"operationName":"Op__game__0"}';

test('a query that meets a kept-alive socket closed under it is sent once more on a new connection', async (t) => {
  const { url, seen } = await closesIdleSocketOnReuse(t);
  assert.deepEqual(await (await subgraphFetcher(url, { method: 'POST', body: QUERY_BODY })).json(), { data: { ok: true } });
  assert.deepEqual(await (await subgraphFetcher(url, { method: 'POST', body: QUERY_BODY })).json(), { data: { ok: true } });
  assert.equal(seen.connections, 2, 'the second query went out on the reused socket, then on a new one');
});

test('a mutation that meets a kept-alive socket closed under it fails and is not sent again', async (t) => {
  const { url, seen } = await closesIdleSocketOnReuse(t);
  await (await subgraphFetcher(url, { method: 'POST', body: QUERY_BODY })).json();
  await assert.rejects(subgraphFetcher(url, { method: 'POST', body: MUTATION_BODY }), { code: 'ECONNRESET' });
  assert.equal(seen.connections, 1, 'no second connection: the mutation may have been acted on');
  assert.equal(seen.requestHeads, 2);
});

test('queries may be retried; mutations and anything unrecognised may not', () => {
  assert.equal(isRetryableBody(QUERY_BODY), true);
  assert.equal(isRetryableBody('{"query":"{ games { id } }"}'), true);
  assert.equal(isRetryableBody(MUTATION_BODY), false);
  assert.equal(isRetryableBody('{"variables":{},"query":"query A{a}"}'), false);
  assert.equal(isRetryableBody(undefined), false);
});

test("the gateway lets go of an idle socket before the subgraph's keep-alive timeout closes it", () => {
  assert.ok(
    IDLE_SOCKET_TIMEOUT_MS + 2_000 <= SERVER_KEEP_ALIVE_TIMEOUT_MS,
    `gateway idle ${IDLE_SOCKET_TIMEOUT_MS} ms against subgraph keep-alive ${SERVER_KEEP_ALIVE_TIMEOUT_MS} ms`,
  );
});
