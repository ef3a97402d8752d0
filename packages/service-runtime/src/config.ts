import { scenarioDefaults } from '@trace-arcade/scenarios';
import { z } from 'zod';

/** Raised when the environment does not describe a runnable service; names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses `env` against `schema` once, at start-up, and returns a frozen config.
 * Each problem names the variable, what was expected and what arrived.
 */
export function loadConfig<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<z.infer<z.ZodObject<Shape>>> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.');
      const arrived = env[variable];
      return `${variable}: ${issue.message}; got ${arrived === undefined ? 'nothing' : JSON.stringify(arrived)}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return Object.freeze(parsed.data);
}

/** A TCP port variable with a default. */
export function portVariable(defaultPort: number) {
  return z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole port number')
    .min(1, 'expected a port from 1 to 65535')
    .max(65535, 'expected a port from 1 to 65535')
    .default(defaultPort);
}

/** A whole-number variable within [min, max], with a default. */
export function wholeNumberVariable(min: number, max: number, defaultValue: number) {
  const expected = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: expected }).int(expected).min(min, expected).max(max, expected).default(defaultValue);
}

/** A URL variable; `protocols` limits the accepted schemes. */
export function urlVariable(protocols: readonly string[]) {
  return z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { error: `expected a ${protocols.join(' or ')} URL` },
  );
}

/** A boolean variable spelled `true` or `false`. */
export function booleanVariable(defaultValue: boolean) {
  return z
    .enum(['true', 'false'], { error: 'expected true or false' })
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === 'true');
}

/** `SCENARIO_DEFAULTS`: each scenario's variant when a request does not choose (`n-plus-one=fixed,...`); all slow when unset. */
export function scenarioDefaultsVariable() {
  return z
    .string()
    .optional()
    .transform((text, context) => {
      try {
        return scenarioDefaults(text);
      } catch (error) {
        // loadConfig adds the variable's name and what arrived.
        context.addIssue({
          code: 'custom',
          message: (error as Error).message.replace(/^SCENARIO_DEFAULTS: /, '').replace(/; got .*$/, ''),
        });
        return z.NEVER;
      }
    });
}

/**
 * `REQUEST_BODY_LIMIT_BYTES`: the largest JSON body `/graphql` accepts (1 KiB to 64 MiB); a larger
 * one is answered 413 PAYLOAD_TOO_LARGE before it is parsed.
 */
export function bodyLimitVariable(defaultBytes: number) {
  return wholeNumberVariable(1024, 64 * 1_048_576, defaultBytes);
}

/**
 * `SLOW_VARIANT_CONCURRENCY`: how many requests may run one of the service's slow variants at once
 * (1 to 1000); one more is refused at once with SLOW_VARIANT_BUSY.
 */
export function slowVariantConcurrencyVariable(defaultLimit = 4) {
  return wholeNumberVariable(1, 1000, defaultLimit);
}

/**
 * `SLOW_VARIANT_CPU_BUDGET_MS`: how much event-loop time the slow variants that block it (catalog
 * `blocksEventLoop`) may take in any `SLOW_VARIANT_CPU_WINDOW_MS` (1 ms to 10 s). A blocking slow run
 * starts only while less has been spent; otherwise it is refused at once with SLOW_VARIANT_BUSY.
 */
export function slowVariantCpuBudgetVariable(defaultMs: number) {
  return wholeNumberVariable(1, 10_000, defaultMs);
}

/** `SLOW_VARIANT_CPU_WINDOW_MS`: the sliding window of that budget (10 s to 1 h, so it always holds the budget). */
export function slowVariantCpuWindowVariable(defaultMs: number) {
  return wholeNumberVariable(10_000, 3_600_000, defaultMs);
}
