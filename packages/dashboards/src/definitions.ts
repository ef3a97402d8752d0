/**
 * The shapes of the definitions under `sentry/`: a dashboard is the body of Sentry's
 * `POST /api/0/organizations/{org}/dashboards/`, an alert rule the body of
 * `POST /api/0/organizations/{org}/alert-rules/` without its `projects` (the apply command adds the
 * project it is given). Field names are Sentry's, camelCase as its API takes them.
 */

/**
 * Sentry's `DashboardWidgetDisplayTypes` text choices as its API schema publishes them (August 2026): `stacked_area`
 * and `top_n` are no longer accepted.
 */
export type WidgetDisplayType =
  | 'line'
  | 'area'
  | 'bar'
  | 'table'
  | 'big_number'
  | 'details'
  | 'categorical_bar'
  | 'wheel'
  | 'rage_and_dead_clicks'
  | 'server_tree'
  | 'text'
  | 'agents_traces_table'
  | 'heatmap';

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
  actions: AlertRuleTriggerAction[];
}

export interface AlertRuleTriggerAction {
  type: 'email' | 'slack' | 'msteams' | 'pagerduty' | 'sentry_app' | 'sentry_notification' | 'opsgenie' | 'discord';
  targetType: 'specific' | 'user' | 'team' | 'sentry_app';
  targetIdentifier?: string | number;
  inputChannelId?: string | number;
  integrationId?: number;
  sentryAppId?: number;
  priority?: string;
}

export type AlertRuleDataset = 'events' | 'transactions' | 'generic_metrics' | 'metrics' | 'events_analytics_platform';

export type AlertRuleEventType = 'error' | 'default' | 'transaction' | 'trace_item_span' | 'trace_item_log' | 'trace_item_metric';

export interface AlertRule {
  name: string;
  dataset: AlertRuleDataset;
  /** Required, with exactly one item, for `events_analytics_platform`. */
  eventTypes?: AlertRuleEventType[];
  /** 0: errors; 1: performance (transactions, generic_metrics, events_analytics_platform); 2: crash rate (metrics). */
  queryType?: 0 | 1 | 2;
  aggregate: string;
  query: string;
  /** Minutes: 1, 5, 10, 15, 30, 60, 120, 240 or 1440 (at least 5 on `events_analytics_platform`). */
  timeWindow: number;
  /** 0: above the threshold; 1: below. */
  thresholdType: 0 | 1;
  resolveThreshold?: number | null;
  /** How many consecutive windows must breach, 1–20. */
  thresholdPeriod?: number;
  /** Minutes to compare against for a percentage-change alert. */
  comparisonDelta?: number | null;
  /** The critical trigger first, then an optional warning trigger. */
  triggers: AlertRuleTrigger[];
  environment?: string | null;
  /** `team:<id>` or `user:<id>`. */
  owner?: string | null;
}
