/**
 * Refuses at the edge what a subgraph has just refused. A flood of slow clients sends the same
 * operation over and over; once a subgraph has answered SLOW_VARIANT_BUSY for it (its slow
 * variants are held by another unit of work, or their CPU budget is spent), the gateway answers
 * the same operation (whatever its variables) with the same scenario selection, from any unit that
 * is not being served, with the same code at once for a short while (the answer says how long):
 * before the query is planned, without a call to any subgraph. Without it, each refusal cost a plan, an HTTP call and a
 * subgraph's parse, validation and execution up to the resolver that refused it: at hundreds a
 * second, the 2 cores the fixed path needs (RELIABILITY.md, slow-variant flood).
 *
 * A unit of work whose requests for the operation were served recently (the holder: the panel's
 * sixty memory-leak requests, one after another) is never refused here: only the subgraph decides
 * for it.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { SCENARIO_HEADER } from '@trace-arcade/scenarios';
import { UNIT_OF_WORK_HEADER } from '@trace-arcade/service-runtime';
import type { GatewayContext } from './context.js';

/** How long a subgraph's refusal is repeated at the gateway when the subgraph named no time to wait. */
export const REFUSAL_MEMORY_MS = 250;
/** How long a unit counts as served for an operation after its last served request. */
export const SERVED_UNIT_MS = 2_000;
/** The most operations remembered; the oldest are forgotten first (a flood of distinct texts cannot grow it). */
const MAX_OPERATIONS = 1_000;

interface Refusal {
  until: number;
  service: string;
}

/** A refusal answered at the gateway: its own class, so that its code survives Apollo Server's error handling. */
class EdgeRefusal extends GraphQLError {
  constructor(service: string, retryAfterMs: number) {
    super(
      `${service} refused this operation's slow variants a moment ago (another unit of work holds them, or their CPU budget is spent); ` +
        `refused again at the gateway: retry in ${Math.max(1, Math.ceil(retryAfterMs))} ms or use the fixed variant`,
      { extensions: { code: 'SLOW_VARIANT_BUSY', service, retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)), refusedAtGateway: true } },
    );
  }
}

/** The remembered refusals and served units, per operation (text, operation name and scenario selection). */
export class SlowVariantRefusals {
  readonly #refusals = new Map<string, Refusal>();
  readonly #served = new Map<string, Map<string, number>>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The refusal to repeat for `unit`'s request of `operation`, if any. */
  refusalFor(operation: string, unit: string): { service: string; retryAfterMs: number } | undefined {
    const refusal = this.#refusals.get(operation);
    const now = this.now();
    if (!refusal || refusal.until <= now) return undefined;
    const servedAt = this.#served.get(operation)?.get(unit);
    if (servedAt !== undefined && now - servedAt < SERVED_UNIT_MS) return undefined;
    return { service: refusal.service, retryAfterMs: refusal.until - now };
  }

  /** A subgraph refused `operation`; `retryAfterMs`: the wait it named (its CPU budget), else REFUSAL_MEMORY_MS. */
  refused(operation: string, service: string, retryAfterMs: number | undefined): void {
    remember(this.#refusals, operation, {
      until: this.now() + Math.min(retryAfterMs ?? REFUSAL_MEMORY_MS, REFUSAL_MEMORY_MS * 4),
      service,
    });
  }

  /**
   * `unit`'s request of `operation` was served. A refusal stands until it expires even when the
   * holder is done: the pause lets the fixed requests have the cores between two slow units
   * (ending it at once let slow units run back to back: fixed p99 3.5x instead of 2.8x beside the
   * flood of `npm run bench:slow-flood`).
   */
  served(operation: string, unit: string): void {
    const units = this.#served.get(operation) ?? new Map<string, number>();
    units.delete(unit);
    units.set(unit, this.now());
    if (units.size > MAX_OPERATIONS) units.delete(units.keys().next().value!);
    remember(this.#served, operation, units);
  }
}

/** Sets `key` as the newest entry, forgetting the oldest beyond MAX_OPERATIONS. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_OPERATIONS) map.delete(map.keys().next().value!);
}

/**
 * The operation as far as the slow variants go: its text, the operation picked from it and the
 * scenario selection the gateway forwards. Not its variables: they choose the data, not which
 * resolvers run, so a flood that changes a variable on every request (a new name to check, a new
 * page size) would otherwise reach a subgraph each time, at the cost of an HTTP call and a
 * subgraph's execution up to the refusal.
 */
export function operationKey(query: string, operationName: string | undefined, scenarios: string | undefined): string {
  return createHash('sha256')
    .update(query)
    .update('\0')
    .update(operationName ?? '')
    .update('\0')
    .update(scenarios ?? '')
    .digest('base64url');
}

export function slowVariantRefusalsPlugin(refusals: SlowVariantRefusals): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const operation = operationKey(
        request.query ?? '',
        request.operationName ?? undefined,
        contextValue.forwardedHeaders[SCENARIO_HEADER],
      );
      const unit = contextValue.forwardedHeaders[UNIT_OF_WORK_HEADER] ?? '';
      return {
        // After parsing and validation (both cached for a repeated operation), before the plan.
        async didResolveOperation() {
          const refusal = refusals.refusalFor(operation, unit);
          if (refusal) throw new EdgeRefusal(refusal.service, refusal.retryAfterMs);
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) if (error.originalError instanceof EdgeRefusal) error.extensions['code'] = 'SLOW_VARIANT_BUSY';
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const busy = response.body.singleResult.errors?.find((error) => error.extensions?.['code'] === 'SLOW_VARIANT_BUSY');
          if (!busy) refusals.served(operation, unit);
          // Refused because another unit holds the slow variants, or their CPU budget is spent: any
          // other unit would be refused too. (A unit's own calls beyond the limit say nothing of others.)
          else if (
            !busy.extensions?.['refusedAtGateway'] &&
            (busy.extensions?.['heldByAnotherUnit'] === true || 'retryAfterMs' in (busy.extensions ?? {}))
          ) {
            const retryAfterMs = busy.extensions?.['retryAfterMs'];
            const service = busy.extensions?.['service'];
            refusals.refused(
              operation,
              typeof service === 'string' ? service : 'a subgraph',
              typeof retryAfterMs === 'number' ? retryAfterMs : undefined,
            );
          }
        },
      };
    },
  };
}
