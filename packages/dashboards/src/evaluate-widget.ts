/**
 * A widget evaluated on the signals of locally captured traces, as Sentry would compute it over
 * the same events: each query's conditions select rows of the widget's dataset, its columns group
 * them and each aggregate reduces a group to a value. The panel shows these values for a scenario's
 * slow runs beside its fixed runs; the tests assert that they separate the two.
 *
 * A whole run is one bucket (Sentry would split it by `interval`; one run lasts seconds).
 * Widget types, search terms and aggregates outside what `local-rows.ts`, `search-query.ts` and
 * `aggregate.ts` know are refused with a message, never guessed at.
 */
import type { TraceSignals } from '@trace-arcade/trace-detectors';
import { aggregateRows, parseAggregate, type Aggregate } from './aggregate.js';
import type { Widget, WidgetQuery } from './definitions.js';
import { LOCAL_DATASETS, localRows, type LocalDataset } from './local-rows.js';
import { parseSearchQuery, rowMatches, type Row } from './search-query.js';

export class WidgetEvaluationError extends Error {
  override name = 'WidgetEvaluationError';
}

export interface GroupValue {
  /** The group's column values joined by ` · `; empty without columns. */
  group: string;
  value: number | null;
}

export interface AggregateValue {
  aggregate: string;
  /** Over every row the conditions select, all groups together. */
  value: number | null;
  /** The unit of the value: `millisecond`, `byte`, `none`, ... */
  unit: string;
  groups: GroupValue[];
}

export interface QueryValue {
  name: string;
  conditions: string;
  aggregates: AggregateValue[];
}

export interface WidgetValue {
  title: string;
  /** The first aggregate of the first query: what a big number shows and the tests compare. */
  value: number | null;
  unit: string;
  queries: QueryValue[];
}

function datasetOf(widget: Widget): LocalDataset {
  if (!(LOCAL_DATASETS as readonly string[]).includes(widget.widgetType)) {
    throw new WidgetEvaluationError(
      `widget ${JSON.stringify(widget.title)}: expected a widgetType this evaluation knows (${LOCAL_DATASETS.join(', ')}); got ${JSON.stringify(widget.widgetType)}`,
    );
  }
  return widget.widgetType as LocalDataset;
}

function unitOf(aggregate: Aggregate): string {
  if (aggregate.metric)
    return aggregate.fn === 'count' || aggregate.fn === 'count_unique'
      ? 'none'
      : aggregate.metric.unit === '-'
        ? 'none'
        : aggregate.metric.unit;
  if (aggregate.field === 'span.duration' && aggregate.fn !== 'count' && aggregate.fn !== 'count_unique') return 'millisecond';
  return 'none';
}

function groupsOf(columns: readonly string[], rows: readonly Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = columns.map((column) => String(row[column] ?? '(none)')).join(' · ');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

function evaluateQuery(dataset: LocalDataset, query: WidgetQuery, rows: readonly Row[]): QueryValue {
  const terms = parseSearchQuery(query.conditions);
  const selected = rows.filter((row) => rowMatches(terms, row));
  // An issue widget lists issues: its value is how many the conditions select.
  if (dataset === 'issue') {
    return {
      name: query.name,
      conditions: query.conditions,
      aggregates: [{ aggregate: 'count()', value: selected.length, unit: 'none', groups: [] }],
    };
  }
  const groups = groupsOf(query.columns, selected);
  const aggregates = query.aggregates.map((text): AggregateValue => {
    const aggregate = parseAggregate(text, dataset === 'tracemetrics');
    return {
      aggregate: text,
      value: aggregateRows(aggregate, selected),
      unit: unitOf(aggregate),
      groups:
        query.columns.length === 0 ? [] : [...groups].map(([group, members]) => ({ group, value: aggregateRows(aggregate, members) })),
    };
  });
  return { name: query.name, conditions: query.conditions, aggregates };
}

/** `widget`'s values over `signals` (one run's traces, or several runs' together). */
export function evaluateWidget(widget: Widget, signals: TraceSignals): WidgetValue {
  const dataset = datasetOf(widget);
  const rows = localRows(dataset, signals);
  try {
    const queries = widget.queries.map((query) => evaluateQuery(dataset, query, rows));
    const first = queries[0]?.aggregates[0];
    return { title: widget.title, value: first?.value ?? null, unit: first?.unit ?? 'none', queries };
  } catch (error) {
    throw new WidgetEvaluationError(`widget ${JSON.stringify(widget.title)}: ${(error as Error).message}`);
  }
}
