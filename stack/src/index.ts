export { startEmbeddedPostgres, type PostgresServer } from './embedded-postgres.js';
export { provideMongo, type MongoChoice, type ProvidedMongo } from './mongo.js';
export { assertPortFree, freePort } from './ports.js';
export { databaseUrl, ensureDatabases } from './postgres-databases.js';
export { ProcessGroup, type LineSink } from './processes.js';
export { waitForHttpOk } from './readiness.js';
export { seedStack } from './seed.js';
export type { StackDatabases, StackPorts } from './services.js';
export { startStack, type RunningStack, type StackOptions } from './stack.js';
