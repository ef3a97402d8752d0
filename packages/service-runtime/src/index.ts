export {
  ConfigError,
  booleanVariable,
  loadConfig,
  portVariable,
  scenarioDefaultsVariable,
  urlVariable,
  wholeNumberVariable,
} from './config.js';
export { badUserInput, ERROR_CODES, graphQLError, pageSize, type ErrorCode } from './graphql-errors.js';
export { dependencyFailure, fromDependency, isConnectionFailure } from './dependency-failure.js';
export { errorReportingPlugin, isReportable } from './error-reporting-plugin.js';
export { loadForArgument, NotFoundError } from './not-found-error.js';
export {
  checkReadiness,
  runService,
  startHttpService,
  type GraphQLEndpoint,
  type HttpServiceOptions,
  type RunningService,
} from './http-service.js';
export { createLogger, type Logger } from './logger.js';
export { retryUntilReady, type RetryOptions } from './retry.js';
export { entityLoader, relationLoader } from './entity-loader.js';
export { migrateToLatest, preparePostgres } from './postgres-migrations.js';
export { countMongoCommand, countSqlStatement, RequestCost, type RequestCostSnapshot } from './request-cost.js';
export { requestCostPlugin } from './request-cost-plugin.js';
export { createRequestScope, inScenarioSpan, runVariant, scenarioSelection, type RequestScope } from './request-scope.js';
export { badRequestBody } from './json-errors.js';
export { percentile } from './percentile.js';
export { parsePlayerId } from './player-id.js';
export { telemetryVariables, type TelemetryConfig } from './telemetry-config.js';
