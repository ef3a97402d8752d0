import { Client, fetchExchange } from 'urql';

/** An urql client for the gateway: no cache (every run must reach the services), always POST. */
export function createGatewayClient(gatewayUrl: string, fetchImpl?: typeof fetch): Client {
  return new Client({ url: `${gatewayUrl}/graphql`, exchanges: [fetchExchange], preferGetMethod: false, fetch: fetchImpl });
}
