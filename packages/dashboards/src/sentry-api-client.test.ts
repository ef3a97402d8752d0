import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { flattenErrorBody, nextCursor, SentryApiClient, SentryApiError, SentryUnreachableError } from './sentry-api-client.js';

const TIMEOUT = { timeout: 10_000 };

test("the next cursor comes from Sentry's Link header only while it announces results", TIMEOUT, () => {
  const link = (more: boolean) =>
    '<https://sentry.io/api/0/organizations/acme/dashboards/?cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ' +
    `<https://sentry.io/api/0/organizations/acme/dashboards/?cursor=0:100:0>; rel="next"; results="${more}"; cursor="0:100:0"`;
  assert.equal(nextCursor(link(true)), '0:100:0');
  assert.equal(nextCursor(link(false)), undefined);
  assert.equal(nextCursor(null), undefined);
  assert.equal(nextCursor('<https://x/?cursor=1>; rel="previous"; results="true"; cursor="1"'), undefined);
});

test("Sentry's error bodies become one line with the fields' paths", TIMEOUT, () => {
  assert.equal(flattenErrorBody({ detail: 'Invalid token' }), 'Invalid token');
  assert.equal(
    flattenErrorBody({ widgets: { 0: { queries: ['Invalid conditions'] } }, title: ['This field is required.'] }),
    'widgets.0.queries: Invalid conditions; title: This field is required.',
  );
  assert.equal(flattenErrorBody({ non_field_errors: ['Invalid data.'] }), 'Invalid data.');
  assert.equal(
    flattenErrorBody('You may not exceed 10 dashboards on your current plan.'),
    'You may not exceed 10 dashboards on your current plan.',
  );
  assert.equal(flattenErrorBody(null), '');
});

test('an HTML error page arrives as a SentryApiError with its text, and no server at all as unreachable', TIMEOUT, async () => {
  const server = createServer((_request, response) => {
    response.writeHead(502, { 'content-type': 'text/html' });
    response.end('<html>\n  <body>Bad   gateway</body>\n</html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const client = new SentryApiClient({ baseUrl: new URL(`http://127.0.0.1:${port}`), token: 't', org: 'acme' });
    await assert.rejects(client.getProject('p'), (error: unknown) => {
      assert.ok(error instanceof SentryApiError);
      assert.deepEqual([error.status, error.method, error.path], [502, 'GET', '/api/0/projects/acme/p/']);
      assert.equal(error.detail, '<html> <body>Bad gateway</body> </html>');
      return true;
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const closed = new SentryApiClient({ baseUrl: new URL(`http://127.0.0.1:${port}`), token: 't', org: 'acme' });
  await assert.rejects(closed.listDashboards(), (error: unknown) => {
    assert.ok(error instanceof SentryUnreachableError);
    assert.equal(error.message, `cannot reach Sentry at http://127.0.0.1:${port} (GET): ECONNREFUSED`);
    return true;
  });
});

test("a path prefix of a self-hosted Sentry's URL is kept", TIMEOUT, async () => {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: '1', slug: 'p' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const client = new SentryApiClient({ baseUrl: new URL(`http://127.0.0.1:${port}/sentry`), token: 't', org: 'acme' });
    assert.deepEqual(await client.getProject('p'), { id: '1', slug: 'p' });
    assert.deepEqual(paths, ['/sentry/api/0/projects/acme/p/']);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
