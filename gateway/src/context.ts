import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import * as Sentry from '@sentry/node';
import { SCENARIO_HEADER, type Mode, type ScenarioName } from '@trace-arcade/scenarios';
import { scenarioSelection, type RequestCostSnapshot } from '@trace-arcade/service-runtime';
import type { PlanShape } from './query-plan-shape.js';
import type { SubgraphName } from './subgraphs.js';

/** What one subgraph reported for its part of a request, summed over the gateway's fetches to it. */
export type SubgraphCost = RequestCostSnapshot & { fetches: number };

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
  return { forwardedHeaders: { [SCENARIO_HEADER]: selection.toHeader() }, startedAt: performance.now(), subgraphCosts: {} };
}
