import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateDashboard } from './validate-dashboard.js';
import type { ValidationProblem } from './validation-problem.js';

const POOL_WAIT = 'p95(value,db.pool.wait,distribution,millisecond)';

function query(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '',
    fields: ['p95(span.duration)'],
    aggregates: ['p95(span.duration)'],
    columns: [],
    conditions: 'span.op:db',
    orderby: '',
    ...overrides,
  };
}

function widget(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Database spans',
    displayType: 'line',
    widgetType: 'spans',
    interval: '5m',
    layout: { x: 0, y: 0, w: 3, h: 2, minH: 2 },
    queries: [query()],
    ...overrides,
  };
}

function dashboard(widgetOverrides: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: 'Trace Arcade', widgets: [widget(widgetOverrides)], ...overrides };
}

/** Asserts the body draws exactly one problem, at `path`, and returns its message. */
function onlyProblem(body: unknown, path: string): string {
  const problems: ValidationProblem[] = validateDashboard(body);
  assert.deepEqual(
    problems.map((problem) => problem.path),
    [path],
    `expected one problem at ${path}; got ${JSON.stringify(problems)}`,
  );
  return problems[0]?.message ?? '';
}

test('dashboard: a minimal valid body is accepted', () => {
  assert.deepEqual(validateDashboard(dashboard()), []);
  assert.deepEqual(validateDashboard({ title: 'Empty' }), []);
});

test('dashboard: a trace-metrics table grouped by a column, sorted by its aggregate, is accepted', () => {
  const table = widget({
    displayType: 'table',
    widgetType: 'tracemetrics',
    limit: 10,
    queries: [query({ fields: ['db.system', POOL_WAIT], columns: ['db.system'], aggregates: [POOL_WAIT], orderby: `-${POOL_WAIT}` })],
  });
  assert.deepEqual(validateDashboard({ title: 'Pool', period: '24h', projects: [-1], environment: ['production'], widgets: [table] }), []);
});

test('dashboard: a body that is not an object is refused', () => {
  assert.equal(onlyProblem([], ''), 'expected a dashboard as a JSON object; got an empty array');
});

test('dashboard: a missing title is refused', () => {
  assert.equal(onlyProblem({ widgets: [] }, 'title'), 'expected a dashboard title; got nothing (the key is required)');
});

test('dashboard: a title of 256 characters is refused, 255 accepted', () => {
  assert.equal(onlyProblem(dashboard({}, { title: 'x'.repeat(256) }), 'title'), 'expected at most 255 characters; got 256');
  assert.deepEqual(validateDashboard(dashboard({}, { title: 'x'.repeat(255) })), []);
});

test('dashboard: a widget title of 256 characters is refused', () => {
  assert.equal(onlyProblem(dashboard({ title: 'w'.repeat(256) }), 'widgets[0].title'), 'expected at most 255 characters; got 256');
});

test('dashboard: a widget without a title is refused, except a metrics widget', () => {
  const { title: _title, ...untitled } = widget();
  assert.equal(
    onlyProblem({ title: 'T', widgets: [untitled] }, 'widgets[0].title'),
    'expected a widget title; got nothing (the key is required)',
  );
  assert.deepEqual(validateDashboard({ title: 'T', widgets: [{ ...untitled, widgetType: 'metrics' }] }), []);
});

test('dashboard: a description of 256 characters is refused', () => {
  assert.equal(
    onlyProblem(dashboard({ description: 'd'.repeat(256) }), 'widgets[0].description'),
    'expected at most 255 characters; got 256',
  );
});

test('dashboard: missing displayType, widgetType and queries are refused', () => {
  assert.equal(
    onlyProblem(dashboard({ displayType: undefined }), 'widgets[0].displayType'),
    'expected one of "line", "area", "bar", "table", "big_number", "details", "categorical_bar", "wheel", "rage_and_dead_clicks", "server_tree", "text", "agents_traces_table", "heatmap"; got nothing (the key is required)',
  );
  assert.match(
    onlyProblem(dashboard({ widgetType: undefined }), 'widgets[0].widgetType'),
    /^expected one of "discover", .*"tracemetrics".*; got nothing \(the key is required\)$/,
  );
  assert.equal(
    onlyProblem(dashboard({ queries: [] }), 'widgets[0].queries'),
    'expected one or more queries (they are required to create a widget); got an empty array',
  );
});

test('dashboard: a displayType Sentry no longer takes, and an unknown widgetType, are refused', () => {
  assert.match(onlyProblem(dashboard({ displayType: 'top_n' }), 'widgets[0].displayType'), /^expected one of "line", .*; got "top_n"$/);
  assert.match(onlyProblem(dashboard({ widgetType: 'span' }), 'widgets[0].widgetType'), /^expected one of "discover", .*; got "span"$/);
});

test('dashboard: the deprecated discover widgetType is refused', () => {
  assert.equal(
    onlyProblem(dashboard({ widgetType: 'discover' }), 'widgets[0].widgetType'),
    'expected "error-events" or "transaction-like"; got "discover", which Sentry has deprecated',
  );
});

test('dashboard: limit 0 and 11 are refused, 1 and 10 accepted', () => {
  assert.equal(onlyProblem(dashboard({ limit: 0 }), 'widgets[0].limit'), 'expected an integer from 1 to 10; got 0');
  assert.equal(onlyProblem(dashboard({ limit: 11 }), 'widgets[0].limit'), 'expected an integer from 1 to 10; got 11');
  assert.equal(onlyProblem(dashboard({ limit: 2.5 }), 'widgets[0].limit'), 'expected an integer; got 2.5');
  assert.deepEqual(validateDashboard(dashboard({ limit: 1 })), []);
  assert.deepEqual(validateDashboard(dashboard({ limit: 10 })), []);
});

test('dashboard: an interval that is not a stats period, or longer than 10 characters, is refused', () => {
  assert.equal(
    onlyProblem(dashboard({ interval: '5 minutes' }), 'widgets[0].interval'),
    'expected an interval such as "5m", "1h" or "1d" (digits, then s, m, h, d or w); got "5 minutes"',
  );
  assert.equal(onlyProblem(dashboard({ interval: '10000000000m' }), 'widgets[0].interval'), 'expected at most 10 characters; got 12');
  assert.equal(
    onlyProblem(dashboard({ interval: '0m' }), 'widgets[0].interval'),
    'expected an interval longer than zero (Sentry refuses a zero rollup when it queries); got "0m"',
  );
  for (const interval of ['30s', '5m', '1h', '1d', '1w', '300']) assert.deepEqual(validateDashboard(dashboard({ interval })), [], interval);
});

test('dashboard: a dashboard period that is not a stats period is refused', () => {
  assert.equal(
    onlyProblem(dashboard({}, { period: 'last day' }), 'period'),
    'expected a stats period such as "24h" or "14d" (digits, then s, m, h, d or w); got "last day"',
  );
});

test('dashboard: a layout with a non-integer value is refused', () => {
  assert.equal(
    onlyProblem(dashboard({ layout: { x: 0, y: 0, w: '3', h: 2, minH: 2 } }), 'widgets[0].layout.w'),
    'expected an integer; got "3"',
  );
  assert.equal(
    onlyProblem(dashboard({ layout: { x: 0, y: 0.5, w: 3, h: 2, minH: 2 } }), 'widgets[0].layout.y'),
    'expected an integer; got 0.5',
  );
});

test('dashboard: a layout missing a key is refused', () => {
  assert.equal(
    onlyProblem(dashboard({ layout: { x: 0, y: 0, w: 3, h: 2 } }), 'widgets[0].layout'),
    'expected all of the layout keys x, y, w, h, minH; got no minH (Sentry: "Missing required keys")',
  );
});

test('dashboard: a layout off the 6-column grid is refused', () => {
  assert.equal(
    onlyProblem(dashboard({ layout: { x: 4, y: 0, w: 3, h: 2, minH: 2 } }), 'widgets[0].layout'),
    'expected x + w to fit the 6-column grid (at most 6); got 4 + 3 = 7',
  );
  assert.equal(
    onlyProblem(dashboard({ layout: { x: 0, y: 0, w: 7, h: 2, minH: 2 } }), 'widgets[0].layout.w'),
    'expected an integer from 1 to 6; got 7',
  );
});

test('dashboard: an aggregate that is not fn(arg) is refused; an equation is accepted', () => {
  const bad = query({ fields: ['p95 span.duration'], aggregates: ['p95 span.duration'] });
  assert.equal(
    onlyProblem(dashboard({ queries: [bad] }), 'widgets[0].queries[0].aggregates[0]'),
    'expected an aggregate fn(arg), such as count() or p95(span.duration), or an equation "equation|…" that uses one; got "p95 span.duration"',
  );
  const equation = 'equation|count() / 60';
  assert.deepEqual(
    validateDashboard(dashboard({ queries: [query({ fields: ['count()', equation], aggregates: ['count()', equation] })] })),
    [],
  );
});

test('dashboard: fields that are not columns then aggregates are refused', () => {
  const swapped = query({
    fields: ['p95(span.duration)', 'span.description'],
    columns: ['span.description'],
    aggregates: ['p95(span.duration)'],
  });
  assert.equal(
    onlyProblem(dashboard({ queries: [swapped] }), 'widgets[0].queries[0].fields'),
    'expected fields to be columns then aggregates, ["span.description","p95(span.duration)"]; got ["p95(span.duration)","span.description"]',
  );
  // A table keeps its column order, as Sentry's prebuilt tables do.
  assert.deepEqual(validateDashboard(dashboard({ displayType: 'table', queries: [swapped] })), []);
  const missing = query({ fields: ['span.description'], columns: ['span.description'], aggregates: ['p95(span.duration)'] });
  assert.equal(
    onlyProblem(dashboard({ displayType: 'table', queries: [missing] }), 'widgets[0].queries[0].fields'),
    'expected fields to hold exactly the columns and aggregates (["span.description","p95(span.duration)"], in any order for a table); got ["span.description"]',
  );
});

test('dashboard: fields and conditions are required on a query', () => {
  const problems = validateDashboard(dashboard({ queries: [{ name: '', columns: [], aggregates: ['count()'], orderby: '' }] }));
  assert.deepEqual(problems, [
    { path: 'widgets[0].queries[0].fields', message: 'expected an array of strings; got nothing (the key is required)' },
    {
      path: 'widgets[0].queries[0].conditions',
      message: 'expected a search query string (may be empty); got nothing (the key is required)',
    },
  ]);
});

test('dashboard: an orderby naming nothing in the query is refused; a column, aggregate or function is accepted', () => {
  const grouped = { fields: ['span.description', 'p95(span.duration)'], columns: ['span.description'], aggregates: ['p95(span.duration)'] };
  assert.equal(
    onlyProblem(dashboard({ queries: [query({ ...grouped, orderby: '-p95' })] }), 'widgets[0].queries[0].orderby'),
    `expected orderby (optionally prefixed with "-") to name one of the query's columns or aggregates (span.description, p95(span.duration)), an equation, or a function; got "-p95"`,
  );
  for (const orderby of ['-p95(span.duration)', 'span.description', '-count()', '-equation|count() * 2']) {
    assert.deepEqual(validateDashboard(dashboard({ queries: [query({ ...grouped, orderby })] })), [], orderby);
  }
  assert.equal(
    onlyProblem(dashboard({ queries: [query({ ...grouped, orderby: '-equation[0]' })] }), 'widgets[0].queries[0].orderby'),
    'expected equation[n] to point at one of the query\'s 0 equations; got "-equation[0]"',
  );
});

test('dashboard: a trace-metrics aggregate without metric name, type and unit is refused', () => {
  const tracemetrics = (aggregate: string): Record<string, unknown> =>
    dashboard({ widgetType: 'tracemetrics', queries: [query({ fields: [aggregate], aggregates: [aggregate] })] });
  assert.equal(
    onlyProblem(tracemetrics('p95(value)'), 'widgets[0].queries[0].aggregates[0]'),
    'expected a trace-metric aggregate fn(value,<metric name>,<counter|gauge|distribution>,<unit or ->); got "p95(value)" with 1 argument',
  );
  assert.equal(
    onlyProblem(tracemetrics('p95(value,db.pool.wait,histogram,millisecond)'), 'widgets[0].queries[0].aggregates[0]'),
    'expected a trace-metric aggregate fn(value,<metric name>,<counter|gauge|distribution>,<unit or ->); got metric type "histogram" in "p95(value,db.pool.wait,histogram,millisecond)"',
  );
  assert.equal(
    onlyProblem(tracemetrics('sum(value,cache.size,gauge,MB)'), 'widgets[0].queries[0].aggregates[0]'),
    'expected a trace-metric aggregate fn(value,<metric name>,<counter|gauge|distribution>,<unit or ->); got unit "MB" in "sum(value,cache.size,gauge,MB)" (use - for no unit)',
  );
  for (const aggregate of [
    POOL_WAIT,
    'sum(value,game.rounds,counter,-)',
    'max(value,cache.size,gauge,byte)',
    'count()',
    'avg_if(`env:prod`,value,cache.size,gauge,byte)',
  ]) {
    assert.deepEqual(validateDashboard(tracemetrics(aggregate)), [], aggregate);
  }
});

test('dashboard: an unknown key is refused, since Sentry would drop it', () => {
  assert.equal(
    onlyProblem(dashboard({ widgetTyp: 'spans' }), 'widgets[0].widgetTyp'),
    'expected only keys Sentry reads on a widget (id, title, description, thresholds, displayType, interval, queries, widgetType, limit, layout, datasetSource, axisRange, legendType); got unknown key "widgetTyp", which Sentry would drop',
  );
});

test('dashboard: thresholds must set max1 below max2, both or neither', () => {
  assert.equal(
    onlyProblem(dashboard({ thresholds: { maxValues: { max1: 500 }, unit: 'millisecond' } }), 'widgets[0].thresholds.maxValues'),
    'expected both max1 and max2 or neither ("Must set all threshold maximums or none at all"); got only max1',
  );
  assert.equal(
    onlyProblem(dashboard({ thresholds: { maxValues: { max1: 500, max2: 100 } } }), 'widgets[0].thresholds.maxValues.max2'),
    'expected max2 greater than max1 (500); got 100',
  );
  assert.deepEqual(validateDashboard(dashboard({ thresholds: { maxValues: { max1: 100, max2: 500 }, unit: 'millisecond' } })), []);
});

test('dashboard: more than 30 widgets, and start after end, are refused', () => {
  assert.equal(
    onlyProblem({ title: 'Many', widgets: Array.from({ length: 31 }, () => widget()) }, 'widgets'),
    'expected at most 30 widgets; got 31',
  );
  assert.equal(
    onlyProblem(dashboard({}, { start: '2026-02-01T00:00:00Z', end: '2026-01-01T00:00:00Z' }), 'start'),
    'expected start before end; got start "2026-02-01T00:00:00Z" and end "2026-01-01T00:00:00Z"',
  );
});

test('dashboard: projects must be integers and environment strings', () => {
  assert.equal(onlyProblem(dashboard({}, { projects: ['game'] }), 'projects[0]'), 'expected an integer; got "game"');
  assert.equal(onlyProblem(dashboard({}, { environment: 'production' }), 'environment'), 'expected an array of strings; got "production"');
});
