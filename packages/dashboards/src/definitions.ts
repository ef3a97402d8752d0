/**
 * The shapes of the definitions under `sentry/`: a dashboard is the body of Sentry's
 * `POST /api/0/organizations/{org}/dashboards/`, an alert rule the body of
 * `POST /api/0/organizations/{org}/alert-rules/` without its `projects` (the apply command adds the
 * project it is given). Field names are Sentry's, camelCase as its API takes them.
 */

export type WidgetDisplayType =
  | 'line'
  | 'area'
  | 'stacked_area'
  | 'bar'
  | 'table'
  | 'big_number'
  | 'top_n'
  | 'details'
  | 'categorical_bar'
  | 'wheel'
  | 'rage_and_dead_clicks'
  | 'server_tree'
  | 'agents_traces_table';

export type WidgetType =
  'discover' | 'issue' | 'metrics' | 'error-events' | 'transaction-like' | 'spans' | 'logs' | 'tracemetrics' | 'preprod-app-size';

export interface WidgetLayout {
  x: number;
  y: number;
  w: number;
  h: number;
  minH: number;
}

export interface WidgetQuery {
  name: string;
  /** `columns` then `aggregates`, as Sentry stores them. */
  fields: string[];
  aggregates: string[];
  columns: string[];
  fieldAliases?: string[];
  /** Sentry's search syntax, e.g. `span.op:db.connection.acquire`. */
  conditions: string;
  orderby: string;
}

export interface Widget {
  title: string;
  description?: string;
  displayType: WidgetDisplayType;
  widgetType: WidgetType;
  interval: string;
  limit?: number;
  layout: WidgetLayout;
  queries: WidgetQuery[];
}

export interface Dashboard {
  title: string;
  widgets: Widget[];
  /** Sentry's page filters: the period the dashboard opens on. */
  period?: string;
}

export interface AlertRuleTrigger {
  label: 'critical' | 'warning';
  alertThreshold: number;
  actions: unknown[];
}

export interface AlertRule {
  name: string;
  dataset: string;
  eventTypes?: string[];
  aggregate: string;
  query: string;
  /** Minutes. */
  timeWindow: number;
  /** 0: above the threshold; 1: below. */
  thresholdType: 0 | 1;
  resolveThreshold?: number | null;
  triggers: AlertRuleTrigger[];
  environment?: string | null;
}
