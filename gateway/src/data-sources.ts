import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context.js';

/**
 * Calls one subgraph. Headers that steer a request (which scenario variant to run) travel with
 * it to every subgraph; trace headers are added by the Sentry http instrumentation.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const forwarded = (context as Partial<GatewayContext>).forwardedHeaders ?? {};
    for (const [name, value] of Object.entries(forwarded)) {
      request.http?.headers.set(name, value);
    }
  }
}
