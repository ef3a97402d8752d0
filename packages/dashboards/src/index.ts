// Runs in Node and in the browser (the panel bundles it); the loader of the files under sentry/ is
// Node-only and has its own entry, `@trace-arcade/dashboards/files`.
export { AggregateError, parseAggregate, type Aggregate, type AggregateFunction } from './aggregate.js';
export {
  AGGREGATE_PATTERN,
  TRACE_METRIC_TYPES,
  isAggregate,
  isEquation,
  parseTraceMetricAggregate,
  traceMetricAggregateProblem,
  type TraceMetricAggregate,
  type TraceMetricType,
} from './aggregate-syntax.js';
export type {
  AlertRule,
  AlertRuleDataset,
  AlertRuleEventType,
  AlertRuleTrigger,
  AlertRuleTriggerAction,
  Dashboard,
  Widget,
  WidgetDisplayType,
  WidgetLayout,
  WidgetQuery,
  WidgetType,
} from './definitions.js';
export { AlertRuleEvaluationError, evaluateAlertRule, type AlertRuleValue } from './evaluate-alert-rule.js';
export {
  evaluateWidget,
  WidgetEvaluationError,
  type AggregateValue,
  type GroupValue,
  type QueryValue,
  type WidgetValue,
} from './evaluate-widget.js';
export { LOCAL_DATASETS, localRows, type LocalDataset } from './local-rows.js';
export { parseSearchQuery, rowMatches, SearchQueryError, type Row, type SearchTerm } from './search-query.js';
export { parseStatsPeriod } from './stats-period.js';
export {
  ALERT_RULE_DATASETS,
  ALERT_TIME_WINDOWS,
  CRASH_RATE_TIME_WINDOWS,
  DATASET_EVENT_TYPES,
  validateAlertRule,
} from './validate-alert-rule.js';
export { MAX_WIDGETS, WIDGET_DISPLAY_TYPES, WIDGET_TYPES, validateDashboard } from './validate-dashboard.js';
export type { ValidationProblem } from './validation-problem.js';
