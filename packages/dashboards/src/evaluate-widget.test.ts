import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Widget } from './definitions.js';
import { evaluateWidget } from './evaluate-widget.js';
import { errorEvent, metric, signals, span, transaction } from './test-signals.js';

function widget(widgetType: Widget['widgetType'], aggregates: string[], conditions: string, columns: string[] = []): Widget {
  return {
    title: 'a widget',
    displayType: columns.length > 0 ? 'table' : 'big_number',
    widgetType,
    interval: '5m',
    layout: { x: 0, y: 0, w: 2, h: 1, minH: 1 },
    queries: [{ name: '', fields: [...columns, ...aggregates], aggregates, columns, conditions, orderby: '' }],
  };
}

/** One NPlusOne request: a SELECT per player in users, one acquire of the bet pool in game. */
const run = signals({
  transactions: [
    transaction('POST /graphql (query NPlusOne__users__0)', 'users', 300, [
      span('db', 'select * from "players"', 0, 8, { 'db.system': 'postgresql' }),
      ...Array.from({ length: 20 }, (_, index) =>
        span('db', `select * from "rounds" where "player_id" = $1`, 10 + index * 12, 10, { 'db.system': 'postgresql' }),
      ),
    ]),
    transaction('POST /graphql (mutation PoolExhaustion__game__0)', 'game', 900, [
      span('db.connection.acquire', 'acquire', 0, 800, { 'db.client.connection.pool.name': 'bet' }),
    ]),
  ],
  errors: [errorEvent('ApplicationNotResponding', 'game')],
  metrics: [
    metric('cache.size', 'gauge', 'byte', 2_000_000, { 'cache.name': 'player-activity' }),
    metric('cache.size', 'gauge', 'byte', 3_000_000, { 'cache.name': 'player-activity' }),
  ],
});

test('spans: counts and durations of the spans the conditions select, transactions included when asked', () => {
  const sql = evaluateWidget(
    widget('spans', ['count()', 'sum(span.duration)'], 'span.op:db db.system:postgresql transaction:"POST /graphql (query NPlusOne__*"'),
    run,
  );
  assert.equal(sql.value, 21);
  assert.equal(sql.unit, 'none');
  assert.equal(sql.queries[0]!.aggregates[1]!.value, 208);
  assert.equal(sql.queries[0]!.aggregates[1]!.unit, 'millisecond');
  const transactions = evaluateWidget(widget('spans', ['max(span.duration)'], 'is_transaction:true'), run);
  assert.equal(transactions.value, 900);
  const acquire = evaluateWidget(
    widget('spans', ['p95(span.duration)'], 'span.op:db.connection.acquire db.client.connection.pool.name:bet'),
    run,
  );
  assert.equal(acquire.value, 800);
});

test('columns group the rows; the widget value stays the aggregate over all of them', () => {
  const byStatement = evaluateWidget(widget('spans', ['count()'], 'span.op:db', ['span.description']), run);
  assert.equal(byStatement.value, 21);
  assert.deepEqual(byStatement.queries[0]!.aggregates[0]!.groups, [
    { group: 'select * from "players"', value: 1 },
    { group: 'select * from "rounds" where "player_id" = $1', value: 20 },
  ]);
});

test('error events, issues and trace metrics', () => {
  assert.equal(evaluateWidget(widget('error-events', ['count()'], 'error.type:ApplicationNotResponding service:game'), run).value, 1);
  assert.equal(evaluateWidget(widget('error-events', ['count()'], 'error.type:ApplicationNotResponding service:users'), run).value, 0);
  // Sentry's N+1 detector flags the 20 repeated SELECTs.
  assert.equal(evaluateWidget(widget('issue', [], 'is:unresolved issue.type:performance_n_plus_one_db_queries'), run).value, 1);
  assert.equal(evaluateWidget(widget('issue', [], 'issue.type:performance_consecutive_http'), run).value, 0);
  const cache = evaluateWidget(widget('tracemetrics', ['max(value,cache.size,gauge,byte)'], 'cache.name:player-activity'), run);
  assert.equal(cache.value, 3_000_000);
  assert.equal(cache.unit, 'byte');
});

test('what the evaluation does not know is refused with the widget named', () => {
  assert.throws(() => evaluateWidget(widget('logs', ['count()'], ''), run), {
    name: 'WidgetEvaluationError',
    message: 'widget "a widget": expected a widgetType this evaluation knows (spans, error-events, issue, tracemetrics); got "logs"',
  });
  assert.throws(() => evaluateWidget(widget('spans', ['count()'], 'span.op:db OR span.op:http.client'), run), {
    message: /^widget "a widget": search query: expected terms like key:value/,
  });
  assert.throws(() => evaluateWidget(widget('tracemetrics', ['max(span.duration)'], ''), run), {
    message: /^widget "a widget": trace-metric aggregate: expected/,
  });
});
