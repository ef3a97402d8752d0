import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import * as Sentry from '@sentry/node';
import type { PerfExtension } from '@trace-arcade/service-runtime';
import type { GatewayContext } from './context.js';

/** The request's trace id, also when its trace is not sampled (the id is then in the propagation headers). */
function currentTraceId(): string {
  return Sentry.getActiveSpan()?.spanContext().traceId ?? Sentry.getTraceData()['sentry-trace']?.split('-')[0] ?? 'none';
}

/**
 * Adds `extensions.perf` to every response: the trace id to look it up, total time, and what
 * each subgraph reported it cost (time, SQL statements, Mongo commands, HTTP calls, event-loop delay), and
 * the executed query plan's subgraph fetches and sequential depth (`plan`).
 */
export function perfPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const totalMs = Math.round((performance.now() - contextValue.startedAt) * 100) / 100;
          const perf: PerfExtension = {
            traceId: currentTraceId(),
            totalMs,
            subgraphs: contextValue.subgraphCosts,
            ...(contextValue.plan && { plan: contextValue.plan }),
          };
          result.extensions = { ...result.extensions, perf };
        },
      };
    },
  };
}
