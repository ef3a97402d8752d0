import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestScope } from './request-scope.js';

/** Adds what the request cost to the response's `extensions.perf`; the gateway gathers them per subgraph. */
export function requestCostPlugin<Context extends RequestScope>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !contextValue.cost) return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, perf: await contextValue.cost.snapshot() };
        },
      };
    },
  };
}
