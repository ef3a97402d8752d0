import { SCENARIO_NAMES } from '@trace-arcade/scenarios';
import { randomBytes } from 'node:crypto';
import {
  databaseUrl,
  ensureDatabases,
  freeStackPorts,
  seedStack,
  startStack,
  type ProcessGroup,
  type RunningStack,
} from '@trace-arcade/stack';

export interface TestStack {
  gatewayUrl: string;
  ports: { gateway: number; users: number; game: number; analytics: number; paymentProvider: number };
  databases: { usersDatabaseUrl: string; gameDatabaseUrl: string; mongoUrl: string; mongoDatabase: string };
  /** The services' processes: `processes.stop('payment-provider')` stops one, `processes.start(spec)` starts it again. */
  processes: ProcessGroup;
  /** The secret the services share for their `/internal/*` routes. */
  internalApiToken: string;
  /** Sends one GraphQL request through the gateway. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/**
 * Every scenario fixed, as request headers: for tests that send requests from several traces at once
 * and are not about the slow twins, which their services admit one unit of work (trace) at a time.
 */
export const ALL_FIXED = { 'x-scenarios': SCENARIO_NAMES.map((name) => `${name}=fixed`).join(',') };

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts the databases`);
  return value;
}

/**
 * Starts the whole stack on free ports against the test databases (fresh, uniquely named ones),
 * seeded with a small deterministic data set.
 */
export async function startTestStack(
  options: {
    env?: NodeJS.ProcessEnv;
    players?: number;
    rounds?: number;
    /** A PostgreSQL server of the test's own (one it stops, say) instead of TEST_POSTGRES_URL. */
    postgresUrl?: string;
    /** A MongoDB of the test's own instead of TEST_MONGO_URL. */
    mongoUrl?: string;
  } = {},
): Promise<TestStack> {
  const suffix = randomBytes(4).toString('hex');
  const postgresUrl = options.postgresUrl ?? requiredEnv('TEST_POSTGRES_URL');
  const names = [`users_${suffix}`, `game_${suffix}`];
  await ensureDatabases(postgresUrl, names);
  const databases = {
    usersDatabaseUrl: databaseUrl(postgresUrl, names[0]!),
    gameDatabaseUrl: databaseUrl(postgresUrl, names[1]!),
    mongoUrl: options.mongoUrl ?? requiredEnv('TEST_MONGO_URL'),
    mongoDatabase: `analytics_${suffix}`,
  };
  await seedStack({
    databases,
    size: { players: options.players ?? 50, rounds: options.rounds ?? 2000 },
    progress: () => undefined,
    log: (name, line) => console.log(`[${name} seed] ${line}`),
  });
  const ports = await freeStackPorts();
  const lines: string[] = [];
  let stack: RunningStack;
  try {
    stack = await startStack({
      ports,
      databases,
      sharedEnv: {
        LOG_LEVEL: 'warn',
        PAYMENT_LATENCY_MS: '20',
        // The scenarios' tests run blocking slow variants back to back: the whole window is their
        // CPU budget. The budget's own test (slow-variant-flood.test.ts) sets the services' defaults.
        SLOW_VARIANT_CPU_BUDGET_MS: '10000',
        SLOW_VARIANT_CPU_WINDOW_MS: '10000',
        ...options.env,
      },
      sink: (name, line) => lines.push(`[${name}] ${line}`),
    });
  } catch (error) {
    console.log(lines.slice(-40).join('\n'));
    throw error;
  }
  const gatewayUrl = stack.gatewayUrl;
  return {
    gatewayUrl,
    ports,
    databases,
    processes: stack.processes,
    internalApiToken: stack.internalApiToken,
    async graphql(query, variables, headers) {
      const response = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return response.json() as Promise<never>;
    },
    stop: () => stack.stop(),
  };
}
