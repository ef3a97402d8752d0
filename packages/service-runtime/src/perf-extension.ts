/**
 * The `extensions.perf` object the gateway puts on every answer: the trace id to look the request
 * up, its total time, what each subgraph reported it cost, and the shape of the query plan that ran.
 * Only zod's mini build here (the panel's own parser), no Node module: the panel's browser bundle
 * imports this file (`@trace-arcade/service-runtime/perf-extension`).
 */
import * as z from 'zod/mini';

const milliseconds = z.number().check(z.nonnegative());
const count = z.int().check(z.nonnegative());

/** What one subgraph's request cost, as the subgraph counted it (`RequestCost.snapshot()`). */
export const requestCostSnapshotSchema = z.object({
  ms: milliseconds,
  sqlStatements: count,
  /** Time the statements took in the database client, summed. */
  sqlMs: milliseconds,
  mongoCommands: count,
  /** Time the commands took in the driver, summed. */
  mongoMs: milliseconds,
  httpCalls: count,
  /** Event-loop delay seen while the request ran, where the service measures it. */
  eventLoopDelay: z.optional(z.object({ p99Ms: milliseconds, maxMs: milliseconds })),
  /** Time spent waiting for a pooled database connection, summed; where the service measures it. */
  poolWaitMs: z.optional(milliseconds),
  /**
   * The service's V8 heap in use when the request ended (`process.memoryUsage().heapUsed`), garbage
   * included. In a process started with `--expose-gc` (measurement runs only: it costs a full
   * garbage collection per request), taken right after one, so that it is the heap still retained.
   */
  heapUsedBytes: z.optional(count),
});
export type RequestCostSnapshot = z.infer<typeof requestCostSnapshotSchema>;

/** One subgraph's part of a gateway request: its costs summed over the gateway's `fetches` to it. */
const subgraphCostSchema = z.extend(requestCostSnapshotSchema, { fetches: count });
export type SubgraphCost = z.infer<typeof subgraphCostSchema>;

/** The query plan the gateway executed: its subgraph fetches, and the longest chain that wait for one another. */
const planShapeSchema = z.object({ fetches: count, sequentialDepth: count });
export type PlanShape = z.infer<typeof planShapeSchema>;

const perfExtensionSchema = z.object({
  traceId: z.string().check(z.minLength(1)),
  totalMs: milliseconds,
  subgraphs: z.object({
    users: z.optional(subgraphCostSchema),
    game: z.optional(subgraphCostSchema),
    analytics: z.optional(subgraphCostSchema),
  }),
  /** Absent when no plan ran (a request refused before planning). */
  plan: z.optional(planShapeSchema),
});
export type PerfExtension = z.infer<typeof perfExtensionSchema>;

/** `extensions.perf` was missing or not of the documented shape. */
export class PerfExtensionError extends Error {
  readonly code = 'BAD_PERF_EXTENSION';
  override readonly name = 'PerfExtensionError';
}

/** `value` (an answer's `extensions.perf`) checked against the shape above; throws PerfExtensionError naming each wrong field. */
export function parsePerfExtension(value: unknown): PerfExtension {
  const parsed = perfExtensionSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(the whole value)'}: ${issue.message}`);
  throw new PerfExtensionError(`expected extensions.perf of the gateway's shape; got ${JSON.stringify(value)} (${problems.join('; ')})`);
}
