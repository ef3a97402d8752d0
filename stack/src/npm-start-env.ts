import { freePort, freeStackPorts } from './ports.js';
import type { StackPorts } from './services.js';

/** An environment for `stack/dist/start.js` (what `npm start` runs) and the ports of its services. */
export interface NpmStartEnv {
  env: NodeJS.ProcessEnv;
  ports: StackPorts;
}

/**
 * For tests and benches that run `npm start` beside other runs: every port free and its own, the
 * embedded PostgreSQL and the MongoDB stand-in (a DATABASE_URL, MONGO_URL or SENTRY_DSN of the
 * caller's environment is not passed on), warnings and errors only, log lines as JSON. `overrides`
 * come last; one set to undefined is removed.
 */
export async function npmStartEnv(overrides: NodeJS.ProcessEnv = {}): Promise<NpmStartEnv> {
  const ports = await freeStackPorts();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MONGO_SERVER: 'standin',
    POSTGRES_PORT: String(await freePort()),
    MONGO_PORT: String(await freePort()),
    GATEWAY_PORT: String(ports.gateway),
    USERS_PORT: String(ports.users),
    GAME_PORT: String(ports.game),
    ANALYTICS_PORT: String(ports.analytics),
    PAYMENT_PROVIDER_PORT: String(ports.paymentProvider),
    SPOTLIGHT_PORT: String(await freePort()),
    WEB_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  };
  for (const name of ['DATABASE_URL', 'MONGO_URL', 'SENTRY_DSN']) delete env[name];
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return { env, ports };
}
