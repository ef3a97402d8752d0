import { repoPath } from './paths.js';
import type { ProcessSpec } from './processes.js';

export interface StackPorts {
  gateway: number;
  users: number;
  game: number;
  analytics: number;
  paymentProvider: number;
}

export interface StackDatabases {
  usersDatabaseUrl: string;
  gameDatabaseUrl: string;
  mongoUrl: string;
  mongoDatabase: string;
}

/** The service directories, each with `dist/instrument.js` and `dist/main.js`. */
export const SERVICE_DIRS = {
  'payment-provider': 'payment-provider',
  users: 'subgraphs/users',
  game: 'subgraphs/game',
  analytics: 'subgraphs/analytics',
  gateway: 'gateway',
} as const;

export type ServiceName = keyof typeof SERVICE_DIRS;

/**
 * Where the services keep V8's compiled code of the modules they load (Node's module compile
 * cache): a start after the first compiles less (about a sixth of a stack's start-up CPU here).
 * Node checks each entry against the source, so a changed file is compiled again. A NODE_COMPILE_CACHE
 * of the caller's own wins.
 */
const COMPILE_CACHE_DIR = repoPath('node_modules', '.cache', 'node-compile-cache');

/** Runs `script` of a service under this Node binary, with Sentry loaded first through `--import`. */
export function serviceProcess(name: ServiceName, script: string, env: NodeJS.ProcessEnv, instrumented = true): ProcessSpec {
  const cwd = repoPath(SERVICE_DIRS[name]);
  return {
    name,
    command: process.execPath,
    args: [...(instrumented ? ['--import', './dist/instrument.js'] : []), script],
    cwd,
    env: { NODE_COMPILE_CACHE: COMPILE_CACHE_DIR, ...env },
  };
}

/** Where each service keeps its data. */
export function databaseEnvironments(databases: StackDatabases): Record<ServiceName, NodeJS.ProcessEnv> {
  return {
    'payment-provider': {},
    users: { DATABASE_URL: databases.usersDatabaseUrl },
    game: { DATABASE_URL: databases.gameDatabaseUrl },
    analytics: { MONGO_URL: databases.mongoUrl, MONGO_DATABASE: databases.mongoDatabase },
    gateway: {},
  };
}

/** Each service's own environment: its data, its port and the URLs of what it talks to. */
export function serviceEnvironments(
  ports: StackPorts,
  databases: StackDatabases,
  internalApiToken: string,
): Record<ServiceName, NodeJS.ProcessEnv> {
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const data = databaseEnvironments(databases);
  return {
    'payment-provider': { PORT: String(ports.paymentProvider) },
    users: { PORT: String(ports.users), ...data.users, INTERNAL_API_TOKEN: internalApiToken },
    game: {
      PORT: String(ports.game),
      ...data.game,
      PAYMENT_PROVIDER_URL: url(ports.paymentProvider),
      USERS_URL: url(ports.users),
      ANALYTICS_URL: url(ports.analytics),
      INTERNAL_API_TOKEN: internalApiToken,
    },
    analytics: { PORT: String(ports.analytics), ...data.analytics, INTERNAL_API_TOKEN: internalApiToken },
    gateway: {
      PORT: String(ports.gateway),
      USERS_URL: url(ports.users),
      GAME_URL: url(ports.game),
      ANALYTICS_URL: url(ports.analytics),
    },
  };
}
