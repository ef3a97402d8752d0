import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import * as Sentry from '@sentry/node';
import { SCENARIO_HEADER, type Mode, type ScenarioName } from '@trace-arcade/scenarios';
import { incomingTraceId, scenarioSelection, UNIT_OF_WORK_HEADER, type PlanShape, type SubgraphCost } from '@trace-arcade/service-runtime';
import type { SubgraphName } from './subgraphs.js';

export interface GatewayContext {
  /** Request headers passed on to every subgraph. */
  forwardedHeaders: Record<string, string>;
  startedAt: number;
  subgraphCosts: Partial<Record<SubgraphName, SubgraphCost>>;
  /** The shape of the query plan the gateway executed; absent when no plan ran (a refused request). */
  plan?: PlanShape;
}

/**
 * Resolves the request's scenario selection once, at the edge: the `x-scenarios` header over the
 * gateway's `SCENARIO_DEFAULTS`. A bad header is a coded error before any subgraph is called. Every
 * subgraph then gets the full selection (every scenario named), so the gateway's defaults are the
 * ones that apply: a subgraph's own defaults only matter for requests sent to it directly.
 */
export function createContext(headers: IncomingHttpHeaders, defaults: Readonly<Record<ScenarioName, Mode>>): GatewayContext {
  const selection = scenarioSelection(headers, defaults);
  // The gateway's root span names the variants too: a scenario whose twins are two operations has no subgraph code to do it alone.
  const activeSpan = Sentry.getActiveSpan();
  if (activeSpan) Sentry.getRootSpan(activeSpan).setAttributes(selection.spanAttributes());
  return {
    forwardedHeaders: { [SCENARIO_HEADER]: selection.toHeader(), [UNIT_OF_WORK_HEADER]: unitOfWork(headers, activeSpan) },
    startedAt: performance.now(),
    subgraphCosts: {},
  };
}

/**
 * The trace id every subgraph admits the request's slow variants under (service-runtime's
 * unit-of-work.ts): the client's trace, so that the requests of a panel click share it, else the
 * gateway's own trace, else a new id. Read from the headers, not from the SDK: without a DSN it
 * neither continues nor propagates traces.
 */
function unitOfWork(headers: IncomingHttpHeaders, activeSpan: ReturnType<typeof Sentry.getActiveSpan>): string {
  const spanTraceId = activeSpan?.spanContext().traceId;
  const own = spanTraceId && /^[0-9a-f]{32}$/.test(spanTraceId) && !/^0+$/.test(spanTraceId) ? spanTraceId : undefined;
  return incomingTraceId(headers) ?? own ?? randomBytes(16).toString('hex');
}
