import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { dependencyFailure, graphQLError, isConnectionFailure, type RequestCostSnapshot } from '@trace-arcade/service-runtime';
import type { GatewayContext } from './context.js';
import { dedupeRepresentations, expandEntities } from './entity-dedupe.js';
import { subgraphFetcher } from './subgraph-fetcher.js';
import type { SubgraphName } from './subgraphs.js';

/** Whether a fetch failed because its deadline passed (AbortSignal.timeout's reason is a TimeoutError; other clients say AbortError). */
function timedOut(error: Error): boolean {
  return error.name === 'AbortError' || error.name === 'TimeoutError';
}

/**
 * Calls one subgraph. Headers that steer a request (which scenario variant to run) travel with
 * it; trace headers are added by the Sentry http instrumentation. What the subgraph reports in
 * `extensions.perf` is summed into the request's context for the gateway's own `extensions.perf`.
 * A subgraph that has not answered within `timeoutMs` is cut off: the fields it serves are null
 * with a SUBGRAPH_TIMEOUT error that names it, and the other subgraphs' fields are answered. A
 * subgraph that cannot be reached (down, restarting, hung up) is an UPSTREAM_UNAVAILABLE error that
 * names the subgraph, never its address.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: SubgraphName,
    url: string,
    private readonly timeoutMs: number,
  ) {
    super({ url });
    // Keep-alive http.request instead of the default make-fetch-happen stack (subgraph-fetcher.ts).
    // Each fetch gets its own deadline; when it passes, the request is aborted and its socket freed.
    this.fetcher = (input, init) => subgraphFetcher(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  }

  /** An `_entities` fetch sends each distinct representation once; see entity-dedupe.ts. */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const deduped = dedupeRepresentations(options.request.variables);
    if (!deduped) return super.process(options);
    options.request.variables = { ...options.request.variables, representations: deduped.distinct };
    return expandEntities(await super.process(options), deduped);
  }

  override didEncounterError(error: Error): void {
    if (timedOut(error)) {
      throw graphQLError('SUBGRAPH_TIMEOUT', `${this.subgraph} subgraph: expected an answer within ${this.timeoutMs} ms; got none`, {
        subgraph: this.subgraph,
        timeoutMs: this.timeoutMs,
      });
    }
    if (isConnectionFailure(error)) throw dependencyFailure(`${this.subgraph} subgraph`, error);
    throw error;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const forwarded = (context as Partial<GatewayContext>).forwardedHeaders ?? {};
    for (const [name, value] of Object.entries(forwarded)) {
      request.http?.headers.set(name, value);
    }
  }

  override async didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]): Promise<GatewayGraphQLResponse> {
    const perf = response.extensions?.['perf'] as RequestCostSnapshot | undefined;
    const costs = (context as Partial<GatewayContext>).subgraphCosts;
    if (perf && costs) {
      const sum = (costs[this.subgraph] ??= { fetches: 0, ms: 0, sqlStatements: 0, sqlMs: 0, mongoCommands: 0, mongoMs: 0, httpCalls: 0 });
      sum.fetches++;
      sum.ms = Math.round((sum.ms + perf.ms) * 100) / 100;
      sum.sqlStatements += perf.sqlStatements;
      sum.sqlMs = Math.round((sum.sqlMs + perf.sqlMs) * 100) / 100;
      sum.mongoCommands += perf.mongoCommands;
      sum.mongoMs = Math.round((sum.mongoMs + perf.mongoMs) * 100) / 100;
      sum.httpCalls += perf.httpCalls;
      if (perf.poolWaitMs !== undefined) sum.poolWaitMs = Math.round(((sum.poolWaitMs ?? 0) + perf.poolWaitMs) * 100) / 100;
      if (perf.eventLoopDelay) {
        sum.eventLoopDelay = {
          p99Ms: Math.max(sum.eventLoopDelay?.p99Ms ?? 0, perf.eventLoopDelay.p99Ms),
          maxMs: Math.max(sum.eventLoopDelay?.maxMs ?? 0, perf.eventLoopDelay.maxMs),
        };
      }
      // The largest heap any fetch saw, not a sum: each fetch reports the same process's whole heap.
      if (perf.heapUsedBytes !== undefined) sum.heapUsedBytes = Math.max(sum.heapUsedBytes ?? 0, perf.heapUsedBytes);
    }
    return response;
  }
}
