import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { text } from 'node:stream/consumers';
import { after, before, test } from 'node:test';
import { buildSchema } from 'graphql';
import { pino } from 'pino';
import { startHttpService, type RunningService } from './http-service.js';

let service: RunningService;

before(async () => {
  service = await startHttpService({
    name: 'body-limit-test',
    host: '127.0.0.1',
    port: 0,
    log: pino({ level: 'silent' }),
    readiness: {},
    bodyLimitBytes: 2048,
    graphql: {
      source: { schema: buildSchema('type Query { echo(text: String!): Int! }') },
      context: async () => ({}),
    },
  });
});
after(() => service?.stop());

const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  });

test('a body within the limit is served', async () => {
  const response = await post(JSON.stringify({ query: 'query($t: String!) { echo(text: $t) }', variables: { t: 'a'.repeat(1500) } }));
  assert.equal(response.status, 200);
});

test('a body over the limit is a 413 with a coded JSON error that gives the limit and the size that arrived', async () => {
  const body = JSON.stringify({ query: '{ echo(text: "x") }', variables: { t: 'a'.repeat(3000) } });
  const response = await post(body);
  assert.equal(response.status, 413);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  assert.deepEqual(await response.json(), {
    errors: [
      {
        message: `request body: expected at most 2048 bytes; got ${Buffer.byteLength(body)} bytes`,
        extensions: { code: 'PAYLOAD_TOO_LARGE' },
      },
    ],
  });
});

test('a streamed body without a length (100 kB in chunks) is refused once it passes the limit', async () => {
  const chunk = new TextEncoder().encode('a'.repeat(1000));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 100) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const response = await post(stream);
  assert.equal(response.status, 413);
  const answer = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
  assert.equal(answer.errors[0]!.extensions.code, 'PAYLOAD_TOO_LARGE');
  assert.equal(answer.errors[0]!.message, 'request body: expected at most 2048 bytes; got more');
});

test('headers over 16 KiB, or bytes that are not HTTP: a coded JSON answer, not an empty one', async () => {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-scenarios': 'n-plus-one=fixed,'.repeat(2000) },
    body: '{"query":"{ echo(text: \\"x\\") }"}',
  });
  assert.equal(response.status, 431);
  assert.deepEqual(await response.json(), {
    code: 'HEADERS_TOO_LARGE',
    message: 'request headers: expected at most 16384 bytes; got more',
  });

  const { port } = new URL(service.url);
  const socket = connect(Number(port), '127.0.0.1');
  socket.end('NOT HTTP AT ALL\r\n\r\n');
  const raw = (await text(socket)).split('\r\n\r\n');
  assert.match(raw[0]!, /^HTTP\/1\.1 400 Bad Request\r\n/);
  assert.deepEqual(JSON.parse(raw[1]!), {
    code: 'BAD_REQUEST',
    message: 'request: expected HTTP/1.1; got bytes that do not parse (HPE_INVALID_METHOD)',
  });
});
