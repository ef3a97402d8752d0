/** Spans and transactions for the tests: times in ms, turned into the SDK's seconds. */
import type { SentrySpan, SentryTransaction } from './sentry-event.js';

let nextId = 0;

export function span(op: string, description: string, startMs: number, endMs: number, parent = 'execute'): SentrySpan {
  return {
    span_id: `s${nextId++}`,
    parent_span_id: parent,
    trace_id: 't',
    op,
    description,
    start_timestamp: startMs / 1000,
    timestamp: endMs / 1000,
  };
}

/** A `POST /graphql` transaction whose spans hang under one `graphql.execute` span (id `execute`). */
export function transaction(spans: SentrySpan[], fields: Partial<SentryTransaction> = {}): SentryTransaction {
  // As the SDK sends it: the trace context has ids, op and status, but no timestamps.
  const root = { span_id: 'root', trace_id: 't', op: 'http.server', status: 'ok' };
  const execute = { ...span('graphql.execute', 'query', 0, 9000, 'root'), span_id: 'execute' };
  return {
    type: 'transaction',
    transaction: 'POST /graphql',
    contexts: { trace: root },
    spans: [execute, ...spans],
    start_timestamp: 0,
    timestamp: 10,
    ...fields,
  };
}

/** The users subgraph's slow n-plus-one: one list query, then 200 lookups of 1 ms each. */
export function nPlusOneFromUsers(): SentryTransaction {
  const lookups = Array.from({ length: 200 }, (_, i) => span('db', 'select * from "rounds" where "id" = $1', 10 + i * 2, 11 + i * 2));
  return transaction([span('db', 'select "id", "name" from "players" limit $1', 2, 6), ...lookups], { server_name: 'users' });
}

/** The game subgraph's slow payment-latency: five 605 ms calls to one host, one after another. */
export function consecutiveHttpFromGame(): SentryTransaction {
  const calls = Array.from({ length: 5 }, (_, i) =>
    span('http.client', `POST http://127.0.0.1:4010/v1/checks/${i}`, 100 + i * 610, 100 + i * 610 + 605),
  );
  return transaction(calls, { server_name: 'game' });
}

/** A fixed twin: one batched query, and the five calls in parallel. */
export function cleanTransaction(): SentryTransaction {
  const calls = Array.from({ length: 5 }, (_, i) => span('http.client', `POST http://127.0.0.1:4010/v1/checks/${i}`, 100, 705));
  return transaction(
    [
      span('db', 'select "id", "name" from "players" limit $1', 2, 6),
      span('db', 'select * from "rounds" where "id" in ($1, $2)', 8, 12),
      ...calls,
    ],
    {
      server_name: 'game',
    },
  );
}
