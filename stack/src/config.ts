import { booleanVariable, loadConfig, portVariable, urlVariable } from '@trace-arcade/service-runtime/config';
import { z } from 'zod';
import { LOG_FORMATS } from './log-format.js';

/** What `npm start` reads from the environment, once. */
export function loadStackConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z.object({
      GATEWAY_PORT: portVariable(4000),
      USERS_PORT: portVariable(4001),
      GAME_PORT: portVariable(4002),
      ANALYTICS_PORT: portVariable(4003),
      PAYMENT_PROVIDER_PORT: portVariable(4010),
      SPOTLIGHT_PORT: portVariable(8969),
      /** The debug panel (Vite dev server). */
      WEB_PORT: portVariable(5173),
      /** Run the Spotlight sidecar and send traces to it (when SENTRY_DSN is unset). */
      SPOTLIGHT: booleanVariable(true),
      /**
       * Where traces go besides Sentry or Spotlight: `jaeger` also starts a local Jaeger (built from
       * tools/jaeger on first use) and sends every service's spans to it over OTLP.
       */
      TRACES_BACKEND: z.enum(['sentry', 'jaeger'], { error: 'expected sentry or jaeger' }).default('sentry'),
      JAEGER_OTLP_HTTP_PORT: portVariable(4318),
      JAEGER_OTLP_GRPC_PORT: portVariable(4317),
      /** Jaeger's query API and UI. */
      JAEGER_QUERY_PORT: portVariable(16686),
      JAEGER_QUERY_GRPC_PORT: portVariable(16685),
      /** A PostgreSQL server to use instead of the embedded one; each service gets its own database on it. */
      DATABASE_URL: urlVariable(['postgres', 'postgresql']).optional(),
      POSTGRES_PORT: portVariable(5433),
      /** A MongoDB to use instead of starting one. */
      MONGO_URL: urlVariable(['mongodb', 'mongodb+srv']).optional(),
      /** Without MONGO_URL: `auto` tries a real mongod (mongodb-memory-server), then the offline stand-in. */
      MONGO_SERVER: z.enum(['auto', 'mongod', 'standin'], { error: 'expected auto, mongod or standin' }).default('auto'),
      MONGO_PORT: portVariable(27018),
      /** The stand-in keeps its data in DATA_DIR/mongo (H2 backend) instead of memory: no re-seed, but slower. */
      MONGO_STANDIN_PERSIST: booleanVariable(false),
      /** Where the embedded databases keep their data across runs. */
      DATA_DIR: z.string().min(1).default('.data'),
      SENTRY_DSN: urlVariable(['http', 'https']).optional(),
      /** A Sentry organisation (`https://my-org.sentry.io`): the panel links each run's trace there too. */
      SENTRY_ORG_URL: urlVariable(['http', 'https']).optional(),
      /** The web origins the gateway accepts browser requests from; by default the panel's. */
      CORS_ORIGINS: z.string().min(1).optional(),
      /** How the children's log lines are printed; unset, pretty on a terminal and JSON otherwise. */
      LOG_FORMAT: z.enum(LOG_FORMATS, { error: 'expected pretty or json' }).optional(),
    }),
    env,
  );
}

export type StackConfig = ReturnType<typeof loadStackConfig>;
