import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Provider } from 'urql';
import { vi } from 'vitest';
import type { CatalogScenario } from './catalog.js';
import type { PanelConfig } from './config.js';
import { createGatewayClient } from './gateway-client.js';
import { PanelContext } from './panel-context.js';
import type { RunOutcome } from './run-scenario.js';
import { SpotlightStream } from '@trace-arcade/trace-detectors';

export const TEST_CONFIG: PanelConfig = {
  gatewayUrl: 'http://gateway.test',
  spotlightUrl: 'http://spotlight.test',
  sentryOrgUrl: 'https://acme.sentry.io',
  sentryDsn: null,
  sentryEnvironment: 'test',
};

export const CATALOG: CatalogScenario[] = [
  {
    name: 'n-plus-one',
    services: ['users', 'game'],
    title: 'N+1 queries from nested resolvers',
    teaches: 'One SELECT per parent turns one request into hundreds of queries.',
    defaultMode: 'slow',
    operation: 'query NPlusOne($players: Int!) { players(first: $players) { id } }',
    variables: { players: 20 },
    docs: 'docs/scenarios/n-plus-one.md',
    code: ['subgraphs/users/src/scenarios/n-plus-one.ts'],
    modes: ['slow', 'fixed'],
    sentry: { signals: ['performance-issue'], alerts: [], where: 'Issues → N+1 Query; Insights → Queries' },
  },
  {
    name: 'payment-latency',
    services: ['game'],
    title: 'Sequential calls to a slow third party',
    teaches: 'Five independent calls awaited one after another add their latencies.',
    defaultMode: 'slow',
    operation: 'mutation PaymentLatency($input: PlayRoundInput!) { playRound(input: $input) { won } }',
    variables: { input: { playerId: '1' } },
    docs: 'docs/scenarios/payment-latency.md',
    code: ['subgraphs/game/src/scenarios/payment-latency.ts', 'payment-provider/src/routes.ts'],
    modes: ['slow', 'fixed'],
    sentry: { signals: ['performance-issue'], alerts: [], where: 'Issues → Consecutive HTTP' },
  },
  {
    name: 'pool-exhaustion',
    services: ['game'],
    title: 'Pooled connection held across a third-party call',
    teaches: 'Concurrent bets queue for a connection of a small pool.',
    defaultMode: 'slow',
    operation: 'mutation PoolExhaustion($input: PlayRoundInput!) { playRound(input: $input) { won } }',
    variables: { input: { playerId: '2' } },
    docs: 'docs/scenarios/pool-exhaustion.md',
    code: ['subgraphs/game/src/scenarios/pool-exhaustion.ts'],
    modes: ['slow', 'fixed'],
    sentry: {
      signals: ['metric'],
      alerts: [{ metric: 'db.pool.wait', aggregate: 'p95', above: 500, unit: 'millisecond', where: 'Dashboards → pool wait p95' }],
      where: 'Dashboards → pool wait p95',
    },
    unit: { requests: 4, concurrency: 4 },
  },
];

export function runOutcome(overrides: Partial<RunOutcome> = {}): RunOutcome {
  return {
    scenario: 'n-plus-one',
    mode: 'slow',
    requests: 1,
    wallMs: 151.2,
    totalMs: 149.1,
    traceId: '0123456789abcdef0123456789abcdef',
    clickTraceId: '0123456789abcdef0123456789abcdef',
    subgraphs: {
      users: { fetches: 1, ms: 120.4, sqlStatements: 221, sqlMs: 90.2, mongoCommands: 0, mongoMs: 0, httpCalls: 0 },
      game: { fetches: 1, ms: 20.5, sqlStatements: 200, sqlMs: 15.1, mongoCommands: 0, mongoMs: 0, httpCalls: 0 },
    },
    plan: { fetches: 2, sequentialDepth: 2 },
    error: null,
    ...overrides,
  };
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The JSON a recorded request sent; its body must be a string, as urql sends it. */
export function jsonBody(init: RequestInit | undefined): unknown {
  const body = init?.body;
  if (typeof body !== 'string')
    throw new Error(`expected a JSON string body; got ${body === undefined || body === null ? String(body) : typeof body}`);
  return JSON.parse(body);
}

/** A fetch that answers the gateway's REST routes and GraphQL from `graphql`, recording every request. */
export function fakeGateway(graphql: (body: { query: string; variables: unknown }, headers: Headers) => unknown = () => ({ data: {} })) {
  const requests: { url: string; init?: RequestInit }[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    requests.push({ url, init });
    if (url.endsWith('/scenarios')) return jsonResponse({ scenarios: CATALOG });
    if (url.endsWith('/health/ready')) return jsonResponse({ status: 'ready', dependencies: { users: { status: 'up' } } });
    if (url.endsWith('/about')) {
      return jsonResponse({
        tracing: { destination: 'spotlight', sampleRate: 0.1 },
        mongo: {
          server: 'stand-in',
          version: '5.0.0',
          indexesUsed: false,
          detail: 'MongoDB wire-protocol stand-in (mongo-java-server): indexes are accepted but never used',
        },
      });
    }
    if (url.endsWith('/graphql')) {
      return jsonResponse(graphql(jsonBody(init) as never, new Headers(init?.headers)));
    }
    return new Response('not found', { status: 404 });
  });
  return { fetchImpl, requests };
}

/** Renders `ui` inside the panel's providers, with a Spotlight stream that the test feeds by hand. */
export function renderInPanel(ui: ReactNode, options: { config?: PanelConfig; fetchImpl?: typeof fetch } = {}) {
  const config = options.config ?? TEST_CONFIG;
  const spotlight = new SpotlightStream(config.spotlightUrl);
  const client = createGatewayClient(config.gatewayUrl, options.fetchImpl);
  const view = render(
    <PanelContext.Provider value={{ config, spotlight }}>
      <Provider value={client}>{ui}</Provider>
    </PanelContext.Provider>,
  );
  return { ...view, spotlight };
}

/** A Spotlight SSE `data` field carrying one transaction. */
export function spotlightEvent(transaction: Record<string, unknown>): string {
  return spotlightItem('transaction', transaction);
}

/** A Spotlight SSE `data` field carrying one envelope item of `type` (`event`, `trace_metric`). */
export function spotlightItem(type: string, payload: Record<string, unknown>): string {
  return JSON.stringify([{ __spotlight_envelope_id: 'e1' }, [[{ type }, payload]]]);
}
