import { loadConfig, portVariable, wholeNumberVariable } from '@trace-arcade/service-runtime';
import { z } from 'zod';

/** Reads and validates the environment; called once at start-up. */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z.object({
      HOST: z.string().min(1).default('127.0.0.1'),
      PORT: portVariable(4010),
      /**
       * How long each call takes, standing for a third-party payment API across the internet.
       * The only deliberate delay in the system. Capped at 2 s, so that the slow variant's five
       * calls in a row (10 s at most) stay within the gateway's timeout for the game subgraph.
       */
      PAYMENT_LATENCY_MS: wholeNumberVariable(0, 2_000, 600),
      /** Bets above this are declined by the limit check. */
      PAYMENT_LIMIT_CENTS: wholeNumberVariable(1, 100_000_000, 50_000),
    }),
    env,
  );
}

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;
