import { isolatedSelection, operationFor, SCENARIO_HEADER, sendUnit, type ScenarioOperation } from '@trace-arcade/scenarios';
import { Kind } from '@0no-co/graphql.web';
import { parsePerfExtension, type PerfExtension, type PlanShape, type SubgraphCost } from '@trace-arcade/service-runtime/perf-extension';
import { gql, type Client, type CombinedError, type OperationResult } from 'urql';
import type { CatalogScenario } from './catalog.js';
import { inClickTrace, type ClickHeaders } from './click-trace.js';

export interface RunError {
  code: string;
  message: string;
}

/**
 * One run of a scenario in one mode (its unit of work: one request, or several under one click),
 * as measured by the browser and reported by the gateway. With several requests, the gateway's
 * figures are those of the slowest one.
 */
export interface RunOutcome {
  scenario: string;
  mode: string;
  /** The requests the run sent, all in the click's trace. */
  requests: number;
  /** Wall time seen by the browser, from the first request to the last response. */
  wallMs: number;
  /** The gateway's `extensions.perf.totalMs`. */
  totalMs: number | null;
  /** The trace the gateway reported (`extensions.perf.traceId`). */
  traceId: string | null;
  /** The trace the click started in the browser; equal to `traceId` when the trace crossed over. */
  clickTraceId: string | null;
  subgraphs: Record<string, SubgraphCost>;
  /** Null when the gateway ran no plan (a refused request). */
  plan: PlanShape | null;
  error: RunError | null;
}

function firstError(error: CombinedError | undefined): RunError | null {
  if (!error) return null;
  const graphQLError = error.graphQLErrors[0];
  if (graphQLError) {
    const code = graphQLError.extensions?.['code'];
    return { code: typeof code === 'string' ? code : 'GRAPHQL_ERROR', message: graphQLError.message };
  }
  return { code: 'NETWORK_ERROR', message: error.networkError?.message ?? error.message };
}

function isMutation(operation: string): boolean {
  const document = gql(operation);
  return document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && isMutationType(definition.operation));
}

/** An operation's type, as graphql's enum or graphql.web's (whichever typed the document): both are its name. */
const isMutationType = (operation: string) => operation === 'mutation';

/** One request of a run as the gateway answered it: the data, the first error, and `extensions.perf`. */
export interface RunRequestResult {
  data: unknown;
  error: RunError | null;
  /** Empty when the answer did not come from the gateway (a network error). */
  perf: Partial<PerfExtension>;
}

/** What a run may send besides the scenario's demo of the mode. */
export interface RunOptions {
  /** Names the click in the trace (`<label>: <scenario>`); `Run <mode>` when absent. */
  label?: string;
  /** The operation and variables to send instead of the mode's own (`operationFor`). */
  operation?: ScenarioOperation;
  /** The requests to send instead of the scenario's unit of work (one, for a single probe). */
  unit?: { requests: number; concurrency: number };
}

/** A run with every request's own answer, besides the outcome `runScenario` returns. */
export interface RunWithRequests {
  outcome: RunOutcome;
  /** In the order the answers arrived. */
  requests: RunRequestResult[];
}

/**
 * Sends `sent` (an operation and its variables) through the gateway with `x-scenarios`: this scenario in `mode`, every other
 * one of the catalog fixed, so that the run shows this problem alone.
 */
async function sendScenario(
  client: Client,
  scenario: CatalogScenario,
  mode: string,
  catalogNames: readonly string[],
  sent: ScenarioOperation,
  clickHeaders: ClickHeaders,
): Promise<OperationResult> {
  const context = {
    requestPolicy: 'network-only' as const,
    fetchOptions: { headers: { ...clickHeaders, [SCENARIO_HEADER]: isolatedSelection(scenario.name, mode, catalogNames) } },
  };
  const { operation, variables } = sent;
  const result = isMutation(operation) ? client.mutation(operation, variables, context) : client.query(operation, variables, context);
  return result.toPromise();
}

/** The gateway's `extensions.perf`, checked; empty when the answer did not come from the gateway (a network error). */
function perfOf(result: OperationResult): Partial<PerfExtension> {
  const perf: unknown = result.extensions?.['perf'];
  return perf === undefined ? {} : parsePerfExtension(perf);
}

/**
 * Runs one scenario in one mode as its own click, as `runScenario` does (the scenario's demo operation
 * for the mode unless `options` give another, its unit of work unless they give one), and returns
 * every request's answer besides the run's outcome.
 */
export async function runScenarioRequests(
  client: Client,
  scenario: CatalogScenario,
  mode: string,
  catalogNames: readonly string[],
  options: RunOptions = {},
): Promise<RunWithRequests> {
  const label = options.label ?? `Run ${mode}`;
  const sent = options.operation ?? operationFor(scenario, mode);
  const { requests, concurrency } = options.unit ?? scenario.unit ?? { requests: 1, concurrency: 1 };
  const started = performance.now();
  const { result: results, clickTraceId } = await inClickTrace(`${label}: ${scenario.name}`, (headers) =>
    sendUnit({ requests, concurrency }, () => sendScenario(client, scenario, mode, catalogNames, sent, headers)),
  );
  const wallMs = Math.round((performance.now() - started) * 10) / 10;
  const slowest = results.reduce((worst, result) => ((perfOf(result).totalMs ?? 0) > (perfOf(worst).totalMs ?? 0) ? result : worst));
  const perf = perfOf(slowest);
  const failed = results.find((result) => result.error);
  const outcome: RunOutcome = {
    scenario: scenario.name,
    mode,
    requests: results.length,
    wallMs,
    totalMs: perf.totalMs ?? null,
    traceId: perf.traceId && perf.traceId !== 'none' ? perf.traceId : null,
    clickTraceId,
    subgraphs: perf.subgraphs ?? {},
    plan: perf.plan ?? null,
    error: firstError(failed?.error),
  };
  return {
    outcome,
    requests: results.map((result) => ({ data: (result.data as unknown) ?? null, error: firstError(result.error), perf: perfOf(result) })),
  };
}

/**
 * Runs one scenario in one mode as its own click: a new trace from the browser down. The click
 * sends the scenario's unit of work (`unit`, one request when absent), so every request of the
 * unit is in that one trace and the findings are judged over all of them.
 */
export async function runScenario(
  client: Client,
  scenario: CatalogScenario,
  mode: string,
  catalogNames: readonly string[],
  label = `Run ${mode}`,
): Promise<RunOutcome> {
  return (await runScenarioRequests(client, scenario, mode, catalogNames, { label })).outcome;
}
