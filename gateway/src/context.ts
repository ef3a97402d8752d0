import type { IncomingHttpHeaders } from 'node:http';

/** Request headers the gateway passes on to every subgraph. */
export const FORWARDED_HEADERS = ['x-scenarios'] as const;

export interface GatewayContext {
  forwardedHeaders: Record<string, string>;
}

export function createContext(headers: IncomingHttpHeaders): GatewayContext {
  const forwardedHeaders: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') forwardedHeaders[name] = value;
  }
  return { forwardedHeaders };
}
