import type { IncomingHttpHeaders } from 'node:http';
import * as Sentry from '@sentry/node';
import {
  SCENARIO_HEADER,
  ScenarioSelection,
  ScenarioSelectionError,
  type Mode,
  type ScenarioName,
  type VariantMode,
} from '@trace-arcade/scenarios';
import { graphQLError } from './graphql-errors.js';
import { currentRequestCost, RequestCost } from './request-cost.js';
import type { SlowVariantLimit, SlowVariantTicket } from './slow-variant-limit.js';
import { unitOfWorkTraceId } from './unit-of-work.js';

/** What every subgraph's per-request context carries: the scenario variants and the cost counters. */
export interface RequestScope {
  scenarios: ScenarioSelection;
  cost: RequestCost;
  /** The request's hold on its service's slow-variant slots; without it, slow variants are not limited. */
  slowVariants?: SlowVariantTicket;
}

/** Reads the `x-scenarios` header over the service's defaults; a bad header is a BAD_USER_INPUT error (HTTP 400). */
export function scenarioSelection(headers: IncomingHttpHeaders, defaults: Readonly<Record<ScenarioName, Mode>>): ScenarioSelection {
  const header = headers[SCENARIO_HEADER];
  try {
    return new ScenarioSelection(defaults, Array.isArray(header) ? header.join(',') : header);
  } catch (error) {
    if (error instanceof ScenarioSelectionError) {
      throw graphQLError('BAD_USER_INPUT', error.message, { argument: SCENARIO_HEADER, http: { status: 400 } });
    }
    throw error;
  }
}

/**
 * Builds the request's scope and records the active variants on its root span, so the trace
 * explains itself. With `slowVariants`, the request's slow variants count against that limit, as
 * part of the unit of work its trace names (`unitOfWorkTraceId`).
 */
export function createRequestScope(
  headers: IncomingHttpHeaders,
  defaults: Readonly<Record<ScenarioName, Mode>>,
  slowVariants?: SlowVariantLimit,
): RequestScope {
  const scenarios = scenarioSelection(headers, defaults);
  const activeSpan = Sentry.getActiveSpan();
  if (activeSpan) Sentry.getRootSpan(activeSpan).setAttributes(scenarios.spanAttributes());
  const scope: RequestScope = { scenarios, cost: currentRequestCost() ?? new RequestCost({}) };
  if (slowVariants) scope.slowVariants = slowVariants.ticket(unitOfWorkTraceId(headers));
  return scope;
}

/**
 * Whether the request runs `scenario`'s slow variant. Call it right before the slow work: when it
 * is slow, the call is admitted by its service's slow-variant limit (a slot for the root field it
 * serves, or CPU budget for a variant that blocks the event loop), or gets SLOW_VARIANT_BUSY
 * (thrown). A blocking variant's admission waits for the next `runVariant` of the scenario in the
 * same root field, so code can reserve it before doing what must not be undone (charging a bet).
 * `freeCalls`: how many runs of the call pass before it counts, for a slow path whose single run
 * costs what the fixed twin costs (an entity reference).
 */
export function runsSlowVariant(scope: RequestScope, scenario: ScenarioName, options: { freeCalls?: number } = {}): boolean {
  if (!scope.scenarios.isSlow(scenario)) return false;
  scope.slowVariants?.enter(scenario, options.freeCalls);
  return true;
}

/** How `runVariant` runs a scenario's twins. */
export interface RunVariantOptions {
  /** Calls of the request that pass the slow-variant limit before it counts (see `runsSlowVariant`). */
  freeCalls?: number;
  /**
   * Whether to open the `<name> (<mode>)` span (default true). Off for code that runs once per
   * parent or per entity reference: 200 references would make 200 spans, and each would come
   * between the repeated `db` spans and their common parent, hiding the N+1 from Sentry's
   * detector. The root span's `scenario.<name>` attribute still names the variant.
   */
  span?: boolean;
  /**
   * The variant that runs, when the request's operation decides it rather than its `x-scenarios`
   * mode (federation-waterfall: the field it asked for). The span names it; by default, the mode.
   */
  ran?: VariantMode;
}

/**
 * The one switch between a scenario's slow twin, its fixed twin and the workshop attendee's version
 * (`yours`, in the service's `src/workshop/`): runs the request's variant
 * inside a span that names the scenario and the variant (`n-plus-one (slow)`, op `scenario`), so
 * the trace shows which one ran. The slow twin is admitted by the service's slow-variant limit
 * before it starts (see `runsSlowVariant`), and a twin that blocks the event loop is measured
 * against the service's CPU budget while it runs; the fixed twin never counts.
 */
export function runVariant<T>(
  scope: RequestScope,
  scenario: ScenarioName,
  variants: Record<VariantMode, () => T>,
  options: RunVariantOptions = {},
): T {
  const run = () => {
    if (!runsSlowVariant(scope, scenario, options)) return variants.fixed();
    // The attendee's version is admitted and measured as the slow twin is: it may still be as slow.
    const variant = variants[scope.scenarios.modeOf(scenario)];
    return scope.slowVariants ? scope.slowVariants.runSlow(scenario, variant) : variant();
  };
  return options.span === false ? run() : inScenarioSpan(scenario, options.ran ?? scope.scenarios.modeOf(scenario), run);
}

/** Adds attributes to the active span: inside `runVariant`, the scenario's span. */
export function setSpanAttributes(attributes: Record<string, string | number | boolean>): void {
  Sentry.getActiveSpan()?.setAttributes(attributes);
}

/** Runs `work`, whose cost depends on a scenario's variant, inside a span that names both. */
function inScenarioSpan<T>(scenario: ScenarioName, mode: VariantMode, work: () => T): T {
  return Sentry.startSpan({ name: `${scenario} (${mode})`, op: 'scenario', attributes: { [`scenario.${scenario}`]: mode } }, work);
}
