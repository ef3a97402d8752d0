/**
 * Offline validation of a dashboard definition: the body of `POST /api/0/organizations/{org}/dashboards/`.
 *
 * Ported from getsentry/sentry:
 * - `src/sentry/api/serializers/rest_framework/dashboard.py`: `DashboardSerializer` (title required, at most 255
 *   characters; `projects` integers, `environment` strings, `period`, `start` before `end`, `filters` an object,
 *   `utc`, `permissions`, at most `Dashboard.MAX_WIDGETS` widgets, 30 as Sentry's frontend
 *   states it in `static/app/views/dashboards/types.tsx`), `DashboardWidgetSerializer` (title at most 255
 *   and required on create except for `metrics` widgets, description at most 255, displayType and widgetType choices,
 *   interval a stats period of at most 10 characters, limit 1–10, queries required on create, `LayoutField`: keys
 *   x, y, w, h, minH all present and integers, thresholds `max1` < `max2`, both or neither, not negative; widgetType
 *   `discover` deprecated), `DashboardWidgetQuerySerializer` (fields and conditions required on create; fields
 *   checked as columns + aggregates; orderby, optionally `-`-prefixed, a field, an equation or a function that Sentry
 *   adds to the query; `AGGREGATE_PATTERN` for aggregates).
 * - `src/sentry/models/dashboard_widget.py`: `DashboardWidgetDisplayTypes` and `DashboardWidgetTypes` text choices,
 *   as published in Sentry's API schema (getsentry/sentry-api-schema, August 2026): `stacked_area` and `top_n` are no
 *   longer accepted; `text` and `heatmap` are. The schema also states the grid: 6 columns, x 0–5, y ≥ 0, w 1–6,
 *   h ≥ 1, minH ≥ 1 and x + w ≤ 6.
 * - `src/sentry/utils/dates.py` `parse_stats_period` for `interval` and the dashboard `period`.
 *
 * Stricter than Sentry, on purpose: unknown keys are refused (Sentry silently drops them, so a typo would vanish);
 * `widgetType` and a query's `columns` and `aggregates` are required (Sentry falls back to `discover` and to the
 * legacy `fields`); query-level checks apply to every widget type (Sentry raises them only for discover and issue
 * widgets); the serializer's own limit of 10 and description of 255 are kept although the newest schema lifts them;
 * trace-metric aggregates must name their metric (see `aggregate-syntax.ts`). Sentry does not require unique widget
 * titles, and neither does this. No Node imports: this also runs in the browser.
 */

import { isAggregate, isEquation, isFunctionCall, traceMetricAggregateProblem } from './aggregate-syntax.js';
import type { WidgetDisplayType, WidgetType } from './definitions.js';
import { parseStatsPeriod } from './stats-period.js';
import { type JsonObject, type ValidationProblem, Problems, describe, isObject, joinPath } from './validation-problem.js';

export const WIDGET_DISPLAY_TYPES: readonly WidgetDisplayType[] = [
  'line',
  'area',
  'bar',
  'table',
  'big_number',
  'details',
  'categorical_bar',
  'wheel',
  'rage_and_dead_clicks',
  'server_tree',
  'text',
  'agents_traces_table',
  'heatmap',
];

export const WIDGET_TYPES: readonly WidgetType[] = [
  'discover',
  'issue',
  'metrics',
  'error-events',
  'transaction-like',
  'spans',
  'logs',
  'tracemetrics',
  'preprod-app-size',
];

/** `Dashboard.MAX_WIDGETS`, which the serializer checks; 30 is the value Sentry's frontend states (`MAX_WIDGETS`). */
export const MAX_WIDGETS = 30;
const TITLE_MAX = 255;
const DESCRIPTION_MAX = 255;
const INTERVAL_MAX = 10;
const LIMIT_MIN = 1;
const LIMIT_MAX = 10;
const GRID_COLUMNS = 6;

const DASHBOARD_KEYS = [
  'id',
  'title',
  'widgets',
  'projects',
  'environment',
  'period',
  'start',
  'end',
  'filters',
  'utc',
  'permissions',
  'isFavorited',
];
const WIDGET_KEYS = [
  'id',
  'title',
  'description',
  'thresholds',
  'displayType',
  'interval',
  'queries',
  'widgetType',
  'limit',
  'layout',
  'datasetSource',
  'axisRange',
  'legendType',
];
const QUERY_KEYS = [
  'id',
  'fields',
  'aggregates',
  'columns',
  'fieldAliases',
  'name',
  'conditions',
  'orderby',
  'isHidden',
  'onDemandExtraction',
  'onDemandExtractionDisabled',
  'selectedAggregate',
  'linkedDashboards',
];
const LAYOUT_KEYS = ['x', 'y', 'w', 'h', 'minH'] as const;

export function validateDashboard(body: unknown): ValidationProblem[] {
  const problems = new Problems();
  if (!isObject(body)) {
    problems.add('', `expected a dashboard as a JSON object; got ${describe(body)}`);
    return problems.list;
  }
  problems.unknownKeys(body, DASHBOARD_KEYS, '', 'a dashboard');
  if (body.id !== undefined && (typeof body.id !== 'string' || !/^\d+$/.test(body.id))) {
    problems.add('id', `expected a numeric string (Sentry's "Invalid ID format"); got ${describe(body.id)}`);
  }
  problems.string(body.title, 'title', { required: true, maxLength: TITLE_MAX, what: 'a dashboard title' });
  validatePageFilters(body, problems);

  const widgets = body.widgets;
  if (widgets !== undefined) {
    if (!Array.isArray(widgets)) {
      problems.add('widgets', `expected an array of widgets; got ${describe(widgets)}`);
    } else {
      if (widgets.length > MAX_WIDGETS) problems.add('widgets', `expected at most ${MAX_WIDGETS} widgets; got ${widgets.length}`);
      widgets.forEach((widget, i) => validateWidget(widget, joinPath('widgets', i), problems));
    }
  }
  return problems.list;
}

function validatePageFilters(body: JsonObject, problems: Problems): void {
  const { projects, environment, period, start, end, filters, permissions } = body;
  if (projects !== undefined) {
    if (!Array.isArray(projects))
      problems.add('projects', `expected an array of project ids (integers; -1 for all projects); got ${describe(projects)}`);
    else projects.forEach((id, i) => problems.integer(id, joinPath('projects', i), { required: true }));
  }
  problems.stringList(environment, 'environment', { allowNull: true });
  if (
    problems.string(period, 'period', { allowNull: true, what: 'a stats period such as "24h" or "14d"' }) &&
    parseStatsPeriod(period) === null
  ) {
    problems.add('period', `expected a stats period such as "24h" or "14d" (digits, then s, m, h, d or w); got ${describe(period)}`);
  }
  const startTime = dateTime(start, 'start', problems);
  const endTime = dateTime(end, 'end', problems);
  if (startTime !== undefined && endTime !== undefined && startTime >= endTime) {
    problems.add('start', `expected start before end; got start ${describe(start)} and end ${describe(end)}`);
  }
  if (filters !== undefined && !isObject(filters)) problems.add('filters', `expected an object; got ${describe(filters)}`);
  problems.boolean(body.utc, 'utc');
  problems.boolean(body.isFavorited, 'isFavorited');
  if (permissions !== undefined && permissions !== null) {
    if (!isObject(permissions)) {
      problems.add('permissions', `expected an object or null; got ${describe(permissions)}`);
    } else {
      problems.unknownKeys(permissions, ['isEditableByEveryone', 'teamsWithEditAccess'], 'permissions', 'dashboard permissions');
      if (typeof permissions.isEditableByEveryone !== 'boolean') {
        problems.add(
          'permissions.isEditableByEveryone',
          `expected true or false (the key is required); got ${describe(permissions.isEditableByEveryone)}`,
        );
      }
      const teams = permissions.teamsWithEditAccess;
      if (teams !== undefined) {
        if (!Array.isArray(teams)) problems.add('permissions.teamsWithEditAccess', `expected an array of team ids; got ${describe(teams)}`);
        else teams.forEach((id, i) => problems.integer(id, joinPath('permissions.teamsWithEditAccess', i), { required: true }));
      }
    }
  }
}

function dateTime(value: unknown, path: string, problems: Problems): number | undefined {
  if (value === undefined || value === null) return undefined;
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    problems.add(path, `expected an ISO 8601 date-time such as "2026-01-31T12:00:00Z" or null; got ${describe(value)}`);
    return undefined;
  }
  return time;
}

function validateWidget(widget: unknown, path: string, problems: Problems): void {
  if (!isObject(widget)) {
    problems.add(path, `expected a widget as an object; got ${describe(widget)}`);
    return;
  }
  problems.unknownKeys(widget, WIDGET_KEYS, path, 'a widget');
  const at = (key: string): string => joinPath(path, key);

  const widgetTypeKnown = problems.oneOf(widget.widgetType, WIDGET_TYPES, at('widgetType'), { required: true });
  const widgetType = widgetTypeKnown ? (widget.widgetType as WidgetType) : undefined;
  if (widgetType === 'discover') {
    problems.add(at('widgetType'), 'expected "error-events" or "transaction-like"; got "discover", which Sentry has deprecated');
  }
  // A widget's title is required on create, except for `metrics` (release health) widgets.
  problems.string(widget.title, at('title'), {
    required: widgetType !== 'metrics',
    allowBlank: widgetType === 'metrics',
    maxLength: TITLE_MAX,
    what: 'a widget title',
  });
  problems.string(widget.description, at('description'), { allowBlank: true, allowNull: true, maxLength: DESCRIPTION_MAX });

  const displayTypeKnown = problems.oneOf(widget.displayType, WIDGET_DISPLAY_TYPES, at('displayType'), { required: true });
  const displayType = displayTypeKnown ? (widget.displayType as WidgetDisplayType) : undefined;

  if (problems.string(widget.interval, at('interval'), { maxLength: INTERVAL_MAX, what: 'an interval such as "5m" or "1h"' })) {
    const seconds = parseStatsPeriod(widget.interval);
    if (seconds === null) {
      problems.add(
        at('interval'),
        `expected an interval such as "5m", "1h" or "1d" (digits, then s, m, h, d or w); got ${describe(widget.interval)}`,
      );
    } else if (seconds === 0) {
      problems.add(
        at('interval'),
        `expected an interval longer than zero (Sentry refuses a zero rollup when it queries); got ${describe(widget.interval)}`,
      );
    }
  }
  problems.integer(widget.limit, at('limit'), { allowNull: true, min: LIMIT_MIN, max: LIMIT_MAX });
  validateLayout(widget.layout, at('layout'), problems);
  validateThresholds(widget.thresholds, at('thresholds'), problems);
  problems.oneOf(widget.axisRange ?? 'auto', ['auto', 'dataMin'], at('axisRange'));
  problems.oneOf(widget.legendType ?? 'default', ['default', 'breakdown'], at('legendType'));

  const queries = widget.queries;
  if (queries === undefined || (Array.isArray(queries) && queries.length === 0)) {
    problems.add(at('queries'), `expected one or more queries (they are required to create a widget); got ${describe(queries)}`);
  } else if (!Array.isArray(queries)) {
    problems.add(at('queries'), `expected an array of queries; got ${describe(queries)}`);
  } else {
    queries.forEach((query, i) => validateQuery(query, joinPath(at('queries'), i), { displayType, widgetType }, problems));
  }
}

function validateLayout(layout: unknown, path: string, problems: Problems): void {
  if (layout === undefined || layout === null) return;
  if (!isObject(layout)) {
    problems.add(path, `expected a layout object with integer ${LAYOUT_KEYS.join(', ')}; got ${describe(layout)}`);
    return;
  }
  problems.unknownKeys(layout, LAYOUT_KEYS, path, 'a widget layout');
  const missing = LAYOUT_KEYS.filter((key) => layout[key] === undefined);
  if (missing.length > 0) {
    problems.add(
      path,
      `expected all of the layout keys ${LAYOUT_KEYS.join(', ')}; got no ${missing.join(', ')} (Sentry: "Missing required keys")`,
    );
  }
  const bounds: Record<(typeof LAYOUT_KEYS)[number], { min: number; max?: number }> = {
    x: { min: 0, max: GRID_COLUMNS - 1 },
    y: { min: 0 },
    w: { min: 1, max: GRID_COLUMNS },
    h: { min: 1 },
    minH: { min: 1 },
  };
  let ok = missing.length === 0;
  for (const key of LAYOUT_KEYS) {
    if (layout[key] === undefined) continue;
    if (!problems.integer(layout[key], joinPath(path, key), bounds[key])) ok = false;
  }
  if (ok) {
    const { x, w, h, minH } = layout as Record<string, number>;
    if ((x ?? 0) + (w ?? 0) > GRID_COLUMNS)
      problems.add(
        path,
        `expected x + w to fit the ${GRID_COLUMNS}-column grid (at most ${GRID_COLUMNS}); got ${x} + ${w} = ${(x ?? 0) + (w ?? 0)}`,
      );
    if ((h ?? 0) < (minH ?? 0)) problems.add(joinPath(path, 'h'), `expected h of at least minH (${minH}); got ${h}`);
  }
}

function validateThresholds(thresholds: unknown, path: string, problems: Problems): void {
  if (thresholds === undefined || thresholds === null) return;
  if (!isObject(thresholds)) {
    problems.add(path, `expected an object {maxValues: {max1, max2}, unit} or null; got ${describe(thresholds)}`);
    return;
  }
  const maxValues = thresholds.maxValues;
  if (maxValues === undefined || maxValues === null) return;
  const at = joinPath(path, 'maxValues');
  if (!isObject(maxValues)) {
    problems.add(at, `expected an object {max1, max2}; got ${describe(maxValues)}`);
    return;
  }
  problems.unknownKeys(maxValues, ['max1', 'max2'], at, 'threshold maximums (Sentry: "Invalid maximum key")');
  const present = (['max1', 'max2'] as const).filter((key) => maxValues[key] !== undefined && maxValues[key] !== null);
  if (present.length === 1)
    problems.add(at, `expected both max1 and max2 or neither ("Must set all threshold maximums or none at all"); got only ${present[0]}`);
  for (const key of present) {
    const value = maxValues[key];
    if (typeof value !== 'number') problems.add(joinPath(at, key), `expected a number; got ${describe(value)}`);
    else if (value < 0) problems.add(joinPath(at, key), `expected a maximum that is not negative; got ${value}`);
  }
  const { max1, max2 } = maxValues;
  if (typeof max1 === 'number' && typeof max2 === 'number' && max1 >= max2) {
    problems.add(joinPath(at, 'max2'), `expected max2 greater than max1 (${max1}); got ${max2}`);
  }
}

interface QueryContext {
  displayType: WidgetDisplayType | undefined;
  widgetType: WidgetType | undefined;
}

function validateQuery(query: unknown, path: string, context: QueryContext, problems: Problems): void {
  if (!isObject(query)) {
    problems.add(path, `expected a query as an object; got ${describe(query)}`);
    return;
  }
  problems.unknownKeys(query, QUERY_KEYS, path, 'a widget query');
  const at = (key: string): string => joinPath(path, key);

  const fields = problems.stringList(query.fields, at('fields'), { required: true });
  problems.string(query.conditions, at('conditions'), { required: true, allowBlank: true, what: 'a search query string (may be empty)' });
  problems.string(query.name, at('name'), { allowBlank: true });
  const orderbyOk = problems.string(query.orderby, at('orderby'), { allowBlank: true });
  // Sentry's frontend reads columns and aggregates; fields alone is the legacy form.
  const columns = problems.stringList(query.columns, at('columns'), { required: true });
  const aggregates = problems.stringList(query.aggregates, at('aggregates'), { required: true });
  problems.stringList(query.fieldAliases, at('fieldAliases'), { allowNull: true });
  problems.boolean(query.isHidden, at('isHidden'));
  problems.boolean(query.onDemandExtractionDisabled, at('onDemandExtractionDisabled'));
  if (query.selectedAggregate !== undefined && query.selectedAggregate !== null) {
    problems.integer(query.selectedAggregate, at('selectedAggregate'), {
      min: 0,
      ...(aggregates && aggregates.length > 0 ? { max: aggregates.length - 1 } : {}),
    });
  }

  if (aggregates) {
    aggregates.forEach((aggregate, i) => {
      const where = joinPath(at('aggregates'), i);
      if (!isAggregate(aggregate)) {
        problems.add(
          where,
          `expected an aggregate fn(arg), such as count() or p95(span.duration), or an equation "equation|…" that uses one; got ${describe(aggregate)}`,
        );
      } else if (context.widgetType === 'tracemetrics' && !isEquation(aggregate)) {
        const problem = traceMetricAggregateProblem(aggregate);
        if (problem) problems.add(where, problem);
      }
    });
  }
  if (columns) {
    columns.forEach((column, i) => {
      if (column.trim() === '') problems.add(joinPath(at('columns'), i), `expected a column name; got ${describe(column)}`);
    });
  }

  if (fields && columns && aggregates) {
    const expected = [...columns, ...aggregates];
    if (context.displayType === 'table') {
      // Tables keep the user's column order in `fields`; Sentry's own prebuilt tables interleave them.
      const sorted = (list: string[]): string => JSON.stringify([...list].sort());
      if (sorted(fields) !== sorted(expected)) {
        problems.add(
          at('fields'),
          `expected fields to hold exactly the columns and aggregates (${JSON.stringify(expected)}, in any order for a table); got ${JSON.stringify(fields)}`,
        );
      }
    } else if (JSON.stringify(fields) !== JSON.stringify(expected)) {
      problems.add(
        at('fields'),
        `expected fields to be columns then aggregates, ${JSON.stringify(expected)}; got ${JSON.stringify(fields)}`,
      );
    }
  }

  // Issue widgets sort by an issue sort option (date, freq, ...), not by a field.
  if (orderbyOk && query.orderby !== '' && context.widgetType !== 'issue' && columns && aggregates) {
    validateOrderby(query.orderby as string, at('orderby'), columns, aggregates, context, problems);
  }
}

function validateOrderby(
  orderby: string,
  path: string,
  columns: string[],
  aggregates: string[],
  context: QueryContext,
  problems: Problems,
): void {
  const stripped = orderby.replace(/^-+/, '');
  if (columns.includes(stripped) || aggregates.includes(stripped) || isEquation(stripped)) return;
  const equationIndex = /^equation\[(\d+)\]$/.exec(stripped);
  if (equationIndex) {
    const equations = aggregates.filter(isEquation).length;
    if (Number(equationIndex[1]) < equations) return;
    problems.add(
      path,
      `expected equation[n] to point at one of the query's ${equations} equation${equations === 1 ? '' : 's'}; got ${describe(orderby)}`,
    );
    return;
  }
  if (isFunctionCall(stripped)) {
    // Sentry adds a function that is not plotted to the query's select, so it may sort by it.
    if (context.widgetType === 'tracemetrics') {
      const problem = traceMetricAggregateProblem(stripped);
      if (problem) problems.add(path, problem);
    }
    return;
  }
  const names = [...columns, ...aggregates];
  problems.add(
    path,
    `expected orderby (optionally prefixed with "-") to name one of the query's columns or aggregates${names.length > 0 ? ` (${names.join(', ')})` : ''}, an equation, or a function; got ${describe(orderby)}`,
  );
}
