/**
 * The sampling policy of every service. A request that arrives with a sampling decision (a
 * `sentry-trace` header from the debug panel or from the gateway) keeps it: a panel click is
 * always traced from end to end, and a trace the gateway dropped stays dropped in the subgraphs.
 * A request without one (background load, curl) is traced at the configured rate.
 */

/** What the decision needs from Sentry's sampling context. */
export interface SamplingInput {
  /** The parent's decision, when the request carried one. */
  parentSampled?: boolean;
}

/** Returns the parent's decision when there is one, else `rate` (0 to 1). */
export function sampleDecision(input: SamplingInput, rate: number): boolean | number {
  return input.parentSampled ?? rate;
}

/** A `tracesSampler` for `Sentry.init` that applies `sampleDecision` with `rate`. */
export function tracesSampler(rate: number): (input: SamplingInput) => boolean | number {
  return (input) => sampleDecision(input, rate);
}
