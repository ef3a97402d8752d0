/**
 * A whole-number setting from the environment (the seed's size, a benchmark's settings): `fallback`
 * when the variable is unset or empty, else a whole number from `min` to `max`; anything else
 * throws, naming the variable and what arrived. (The services read theirs through a validated
 * config object instead: service-runtime's `wholeNumberVariable`.)
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
