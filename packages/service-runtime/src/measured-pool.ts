import { performance } from 'node:perf_hooks';
import * as Sentry from '@sentry/node';
import { graphQLError } from './graphql-errors.js';
import { countPoolWait } from './request-cost.js';

/** What is read of a connection pool (pg.Pool has it all); structural, so that this package needs no driver. */
export interface ConnectionPool<Client> {
  connect(): Promise<Client>;
  end(): Promise<void>;
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

export interface MeasuredPoolOptions {
  /** Names the pool on spans and in errors: `bet` for "the bet pool". */
  name: string;
  /** The dependency as errors name it ("game database"). */
  dependency: string;
  /** The pool's size and its acquire timeout, as it was created with them (for the span and the error). */
  size: number;
  timeoutMs: number;
}

/** The span op of a connection acquire: database time (`db`) that runs no statement, so no query detector counts it. */
export const POOL_ACQUIRE_OP = 'db.connection.acquire';

/**
 * The pool, with every `connect()` measured: the time from asking the pool for a connection to
 * getting one is added to the request's `poolWaitMs` and shown as a span (op `db.connection.acquire`)
 * whose duration is the wait, with how many connections were in use and how many requests queued
 * ahead when it asked. A pool that had no free connection within its timeout is UPSTREAM_UNAVAILABLE
 * saying so, rather than pg's "timeout exceeded when trying to connect".
 */
export function measuredPool<Client>(pool: ConnectionPool<Client>, options: MeasuredPoolOptions) {
  const { name, dependency, size, timeoutMs } = options;
  return {
    connect: (): Promise<Client> => {
      const inUse = pool.totalCount - pool.idleCount;
      const queuedAhead = pool.waitingCount;
      return Sentry.startSpan(
        {
          name: `acquire a connection (${name} pool)`,
          op: POOL_ACQUIRE_OP,
          onlyIfParent: true,
          attributes: {
            'db.system.name': 'postgresql',
            'db.client.connection.pool.name': name,
            'db.client.connection.max': size,
            'db.client.connection.in_use': inUse,
            'db.client.connection.pending_requests': queuedAhead,
          },
        },
        async (span) => {
          const startedAt = performance.now();
          const measure = () => {
            const waitMs = performance.now() - startedAt;
            countPoolWait(name, waitMs);
            span.setAttribute('db.client.connection.wait_time_ms', Math.round(waitMs * 100) / 100);
          };
          try {
            const client = await pool.connect();
            measure();
            return client;
          } catch (error) {
            measure();
            if (error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message) && inUse >= size) {
              throw graphQLError(
                'UPSTREAM_UNAVAILABLE',
                `the ${dependency}: expected a free connection of the ${name} pool within ${timeoutMs} ms; all ${size} were in use, with ${queuedAhead} requests queued ahead`,
                { dependency, pool: name },
              );
            }
            throw error;
          }
        },
      );
    },
    end: () => pool.end(),
  };
}
