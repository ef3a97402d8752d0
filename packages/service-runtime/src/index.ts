export { ConfigError, booleanVariable, loadConfig, portVariable, urlVariable } from './config.js';
export { badUserInput, graphQLError, pageSize, type ErrorCode } from './graphql-errors.js';
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
export { migrateToLatest } from './postgres-migrations.js';
