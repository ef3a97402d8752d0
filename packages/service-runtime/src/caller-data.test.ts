import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutCaller } from './caller-data.js';

test("the caller's user agent and address leave the request span; the callee's address stays", () => {
  const event = withoutCaller({
    contexts: {
      trace: {
        op: 'http.server',
        data: {
          'user_agent.original': 'Mozilla/5.0',
          'client.address': '10.0.0.7',
          'network.peer.address': '10.0.0.7',
          'url.path': '/graphql',
        },
      },
    },
    spans: [
      { op: 'http.client', data: { 'server.address': '127.0.0.1', 'network.peer.address': '127.0.0.1' } },
      { op: 'http.server', data: { 'user_agent.original': 'node' } },
    ],
  });
  assert.deepEqual(event.contexts.trace.data, { 'url.path': '/graphql' });
  assert.deepEqual(event.spans[0]!.data, { 'server.address': '127.0.0.1', 'network.peer.address': '127.0.0.1' });
  assert.deepEqual(event.spans[1]!.data, {});
});

test('an event without spans or data passes as it is', () => {
  assert.deepEqual(withoutCaller({}), {});
  assert.deepEqual(withoutCaller({ contexts: { trace: {} } }), { contexts: { trace: {} } });
});

test("the Host the caller sent leaves the incoming request's span and URL; outgoing calls keep theirs", () => {
  const event = withoutCaller({
    contexts: {
      trace: {
        op: 'http.server',
        data: { 'server.address': 'rebound.example', 'url.full': 'http://rebound.example:4000/graphql?x=1', 'url.path': '/graphql' },
      },
    },
    request: { url: 'http://rebound.example:4000/graphql?x=1' },
    spans: [{ op: 'http.client', data: { 'server.address': '127.0.0.1', 'url.full': 'http://127.0.0.1:4001/graphql' } }],
  });
  assert.deepEqual(event.contexts.trace.data, { 'url.path': '/graphql' });
  assert.equal(event.request.url, '/graphql?x=1');
  assert.deepEqual(event.spans[0]!.data, { 'server.address': '127.0.0.1', 'url.full': 'http://127.0.0.1:4001/graphql' });
});
