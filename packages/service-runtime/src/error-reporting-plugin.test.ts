import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApolloServer } from '@apollo/server';
import * as Sentry from '@sentry/node';
import { pino } from 'pino';
import { dependencyFailure } from './dependency-failure.js';
import type { GraphQLError } from 'graphql';
import { errorReportingPlugin, isReportable } from './error-reporting-plugin.js';
import { badUserInput, graphQLError } from './graphql-errors.js';
import { NotFoundError } from './not-found-error.js';

const events: Sentry.ErrorEvent[] = [];
// The DSN is never called: every event is kept here and dropped before sending.
Sentry.init({
  dsn: 'http://public@127.0.0.1:9/1',
  tracesSampleRate: 1,
  defaultIntegrations: false,
  beforeSend(event) {
    events.push(event);
    return null;
  },
});

const logLines: Record<string, unknown>[] = [];
const log = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });

const server = new ApolloServer({
  typeDefs: `type Query {
    outage: String
    bug: String
    notFound: String
    badInput: String
    declined: String
    relayed: String
  }`,
  resolvers: {
    Query: {
      outage: () => {
        throw dependencyFailure('game database', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }));
      },
      bug: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'id')");
      },
      notFound: () => {
        throw new NotFoundError('game', 'poker');
      },
      badInput: () => {
        throw badUserInput('first', 'a whole number from 1 to 100', -1);
      },
      declined: () => {
        throw graphQLError('PAYMENT_DECLINED', 'the payment provider declined the bet');
      },
      // What the gateway holds for an error a subgraph answered with: that subgraph reported it.
      relayed: () => {
        throw graphQLError('UPSTREAM_UNAVAILABLE', 'the game database is unavailable', { serviceName: 'game' });
      },
    },
  },
  plugins: [errorReportingPlugin(log)],
});
await server.start();

/** Runs `query` inside a span, as a request is, and returns the response's errors and the span's trace id. */
async function run(query: string) {
  return Sentry.startSpan({ name: 'POST /graphql', op: 'http.server' }, async (span) => {
    const response = await server.executeOperation({ query });
    assert.equal(response.body.kind, 'single');
    const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
    return { errors, traceId: span.spanContext().traceId };
  });
}

test('a dependency outage and a bug are logged and captured on the request trace', async () => {
  for (const [field, code, cause] of [
    ['outage', 'UPSTREAM_UNAVAILABLE', /ECONNREFUSED/],
    ['bug', 'INTERNAL_SERVER_ERROR', /Cannot read properties of undefined/],
  ] as const) {
    events.length = 0;
    logLines.length = 0;
    const { errors, traceId } = await run(`{ ${field} }`);
    assert.equal(errors[0]?.extensions?.['code'], code);
    assert.equal(events.length, 1, `${field}: one error event`);
    const event = events[0]!;
    assert.equal(event.level, 'error');
    assert.equal(event.contexts?.trace?.trace_id, traceId, 'on the request trace');
    assert.equal(event.tags?.['graphql.error_code'], code);
    assert.match(event.exception?.values?.at(-1)?.value ?? '', cause, 'the event shows the real cause');
    assert.equal(logLines.length, 1);
    assert.equal(logLines[0]!['level'], 50, 'logged as an error');
    assert.equal(logLines[0]!['code'], code);
    assert.equal(logLines[0]!['path'], field);
    assert.match(String((logLines[0]!['err'] as { message: string }).message), cause);
  }
});

test('answers are not reported: bad input, not found, business rules, invalid queries, errors relayed from a subgraph', async () => {
  events.length = 0;
  logLines.length = 0;
  for (const query of ['{ notFound }', '{ badInput }', '{ declined }', '{ relayed }', '{ nope }', '{ outage']) {
    const { errors } = await run(query);
    assert.ok(errors.length > 0, query);
  }
  assert.deepEqual(events, []);
  assert.deepEqual(logLines, []);
});

test('an error without extensions (built outside graphql-js) is reported, not a crash', () => {
  const bare = Object.assign(new Error('Cannot reach the subgraph'), { extensions: undefined }) as unknown as GraphQLError;
  assert.equal(isReportable(bare), true);
});
