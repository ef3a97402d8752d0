export { AggregateError, parseAggregate, type Aggregate, type AggregateFunction } from './aggregate.js';
export type {
  AlertRule,
  AlertRuleTrigger,
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
