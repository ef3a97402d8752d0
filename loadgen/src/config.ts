import { booleanVariable, loadConfig, urlVariable } from '@trace-arcade/service-runtime';
import { z } from 'zod';
import { isLoopbackUrl } from './loopback.js';

const names = z
  .string()
  .optional()
  .transform((text) =>
    text
      ?.split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  );

/**
 * Reads and validates the environment once. The run is bounded twice: by LOAD_DURATION_S and by
 * LOAD_MAX_REQUESTS, whichever comes first. A gateway that is not on this machine is refused
 * unless LOAD_ALLOW_REMOTE=true (the Helm chart sets it, with the in-cluster gateway URL).
 */
export function loadLoadgenConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z
      .object({
        GATEWAY_URL: urlVariable(['http', 'https']).default('http://127.0.0.1:4000'),
        /** Requests per second, started on a fixed schedule whatever the answers take. */
        LOAD_RATE: z.coerce
          .number({ error: 'expected requests per second' })
          .gt(0, 'expected more than 0 requests per second')
          .max(1000, 'expected at most 1000 requests per second')
          .default(5),
        LOAD_DURATION_S: z.coerce.number().int('expected whole seconds').min(1).max(86_400).default(60),
        LOAD_MAX_REQUESTS: z.coerce.number().int('expected a whole number').min(1).max(10_000_000).default(1000),
        /** Share of requests sent with their scenario's slow variant; the others get the fixed one. */
        LOAD_SLOW_SHARE: z.coerce.number().min(0, 'expected a share from 0 to 1').max(1, 'expected a share from 0 to 1').default(0.5),
        /** Scenario names from the gateway's catalog, comma separated; unset: all of them. */
        LOAD_SCENARIOS: names,
        /** How long to wait for the gateway's catalog before giving up. */
        LOAD_WAIT_S: z.coerce.number().int('expected whole seconds').min(0).max(3600).default(10),
        LOAD_ALLOW_REMOTE: booleanVariable(false),
      })
      .superRefine((config, context) => {
        if (!config.LOAD_ALLOW_REMOTE && !isLoopbackUrl(config.GATEWAY_URL)) {
          context.addIssue({
            code: 'custom',
            path: ['GATEWAY_URL'],
            message: 'expected a loopback URL (localhost, 127.0.0.1, [::1]); set LOAD_ALLOW_REMOTE=true to send load to another host',
          });
        }
      }),
    env,
  );
}
