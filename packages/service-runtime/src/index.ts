export {
  ConfigError,
  bodyLimitVariable,
  booleanVariable,
  loadConfig,
  portVariable,
  scenarioDefaultsVariable,
  slowVariantConcurrencyVariable,
  slowVariantCpuBudgetVariable,
  slowVariantCpuWindowVariable,
  urlVariable,
  wholeNumberVariable,
} from './config.js';
export { badUserInput, ERROR_CODES, graphQLError, pageSize, type ErrorCode } from './graphql-errors.js';
export { dependencyFailure, fromDependency, isConnectionFailure } from './dependency-failure.js';
export { errorReportingPlugin, isReportable } from './error-reporting-plugin.js';
export { allowedHostsVariable, internalApiTokenVariable, internalRouteGuard } from './internal-route-guard.js';
export { reportFailure } from './report-failure.js';
export { loadForArgument, NotFoundError } from './not-found-error.js';
export {
  DEFAULT_BODY_LIMIT_BYTES,
  runService,
  SERVER_KEEP_ALIVE_TIMEOUT_MS,
  startHttpService,
  type GraphQLEndpoint,
  type HttpServiceOptions,
  type RunningService,
} from './http-service.js';
export { createLogger, type Logger } from './logger.js';
export { retryUntilReady, type RetryOptions } from './retry.js';
export { entityLoader, relationLoader, tracedBatch } from './entity-loader.js';
export {
  countMongoCommand,
  countPoolWait,
  countSqlStatement,
  measureRequest,
  RequestCost,
  type RequestCostSnapshot,
} from './request-cost.js';
export { parsePerfExtension, PerfExtensionError, type PerfExtension, type PlanShape, type SubgraphCost } from './perf-extension.js';
export { measuredPool, POOL_ACQUIRE_OP, type ConnectionPool, type MeasuredPoolOptions } from './measured-pool.js';
export { requestCostPlugin } from './request-cost-plugin.js';
export {
  INSIGHTS_SPAN_DATA,
  insightsModuleOf,
  insightsSpanDataIntegration,
  missingInsightsData,
  type InsightsModule,
  type InsightsSpan,
} from './insights-spans.js';
export { cacheGet, cachePut } from './cache-spans.js';
export {
  ANONYMOUS_OPERATION,
  emitBetPlaced,
  emitMetric,
  emitQueryPlanDepth,
  emitRequestMetrics,
  emitRoundPlayed,
  type GameOfBet,
} from './metrics.js';
export {
  createRequestScope,
  runsSlowVariant,
  runVariant,
  scenarioSelection,
  setSpanAttributes,
  type RunVariantOptions,
  type RequestScope,
} from './request-scope.js';
export { currentRootField, scopeRootFields } from './root-field-scope.js';
export { BlockingCall, SlowVariantCpuBudget } from './slow-variant-cpu-budget.js';
export { SlowVariantLimit, slowVariantLimitPlugin, SlowVariantTicket, type ScenarioService } from './slow-variant-limit.js';
export { incomingTraceId, UNIT_OF_WORK_HEADER, unitOfWorkTraceId } from './unit-of-work.js';
export { LIST_SIZES, maxPageSize, type ListField } from './page-sizes.js';
export { badRequestBody } from './json-errors.js';
export { parsePlayerId } from './player-id.js';
export { telemetryVariables, type TelemetryConfig } from './telemetry-config.js';
export { loadOtlpTraceExport, type OtlpTraceExport } from './otlp-config.js';
export { perRequest } from './per-request.js';
export { sha256, workshopSources } from './workshop-sources.js';
