import type { ApolloServerPlugin } from '@apollo/server';
import { emitRequestMetrics } from './metrics.js';
import type { RequestScope } from './request-scope.js';

/**
 * Adds what the request cost to the response's `extensions.perf`; the gateway gathers them per
 * subgraph. The same measurements go to Sentry as metrics on the request's trace (metrics.ts).
 */
export function requestCostPlugin<Context extends RequestScope>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !contextValue.cost) return;
          const result = response.body.singleResult;
          const perf = await contextValue.cost.snapshot();
          emitRequestMetrics(perf, contextValue.cost.poolWaitsByPool);
          result.extensions = { ...result.extensions, perf };
        },
      };
    },
  };
}
