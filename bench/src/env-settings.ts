/**
 * A benchmark setting from the environment: `fallback` when the variable is unset or empty, else a
 * whole number from `min` to `max`; anything else throws, naming the variable and what arrived.
 */
export function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}: expected a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}`);
  }
  return value;
}
