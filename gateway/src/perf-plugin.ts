import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import * as Sentry from '@sentry/node';
import type { GatewayContext } from './context.js';

/** The request's trace id: from its span, or from the scope when no span is recorded. */
function currentTraceId(): string {
  return Sentry.getActiveSpan()?.spanContext().traceId ?? Sentry.getCurrentScope().getPropagationContext().traceId;
}

/**
 * Adds `extensions.perf` to every response: the trace id to look it up, total time, and what
 * each subgraph reported it cost (time, SQL statements, Mongo commands, HTTP calls, event-loop delay).
 */
export function perfPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const totalMs = Math.round((performance.now() - contextValue.startedAt) * 100) / 100;
          result.extensions = { ...result.extensions, perf: { traceId: currentTraceId(), totalMs, subgraphs: contextValue.subgraphCosts } };
        },
      };
    },
  };
}
