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
export { applyDefinitions, planApply, DefinitionWriteError, UnknownProjectError } from './apply-definitions.js';
export type { ApplyOptions, AppliedWrite, PlannedWrite } from './apply-definitions.js';
export { DEFAULT_DEFINITIONS_DIR, DefinitionError, loadDefinitions } from './load-definitions.js';
export type { AlertRuleDefinition, DashboardDefinition, Definition } from './load-definitions.js';
export { REQUIRED_SCOPES, SentryApiClient, SentryApiError, SentryResponseError, SentryUnreachableError } from './sentry-api-client.js';
