import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import type { TestStack } from './test-stack.js';

export type GraphQLAnswer = Awaited<ReturnType<TestStack['graphql']>>;
export type GraphQLErrorShape = NonNullable<GraphQLAnswer['errors']>[number];

/** One request of the loop: when it was sent and answered (ms since the loop started), and what came back. */
export interface Probe {
  sentAt: number;
  answeredAt: number;
  answer: GraphQLAnswer;
}

/**
 * The trace id the gateway reports in `extensions.perf` (the id the Sentry events of the request carry);
 * undefined for an answer that did not come from the gateway (`NO_ANSWER`).
 */
export function traceIdOf(answer: GraphQLAnswer): string | undefined {
  const perf = answer.extensions?.['perf'];
  return perf === undefined ? undefined : parsePerfExtension(perf).traceId;
}

/**
 * Keeps `workers` requests going, each worker sending its next one `pauseMs` after the previous
 * answered, until stopped; every answer is kept with its timing: the traffic that runs through an outage.
 */
export class RequestLoop {
  readonly probes: Probe[] = [];
  readonly #origin = performance.now();
  #running = true;
  readonly #done: Promise<void[]>;

  constructor(send: () => Promise<GraphQLAnswer>, options: { workers?: number; pauseMs?: number } = {}) {
    const { workers = 4, pauseMs = 50 } = options;
    const worker = async () => {
      while (this.#running) {
        const sentAt = this.now();
        let answer: GraphQLAnswer;
        try {
          answer = await send();
        } catch (error) {
          // The gateway itself did not answer: kept as an answer without data, so that it counts as a failure.
          answer = { errors: [{ message: `no answer from the gateway: ${(error as Error).message}`, extensions: { code: 'NO_ANSWER' } }] };
        }
        this.probes.push({ sentAt, answeredAt: this.now(), answer });
        await sleep(pauseMs);
      }
    };
    this.#done = Promise.all(Array.from({ length: workers }, worker));
  }

  /** Milliseconds since the loop started. */
  now(): number {
    return performance.now() - this.#origin;
  }

  /** Probes answered between two moments of `now()`. */
  answeredBetween(from: number, to: number): Probe[] {
    return this.probes.filter((probe) => probe.answeredAt >= from && probe.answeredAt < to);
  }

  /** Waits for the first probe answered at or after `from` that satisfies `predicate`. */
  async firstAfter(from: number, predicate: (answer: GraphQLAnswer) => boolean, timeoutMs: number): Promise<Probe> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.probes.find((probe) => probe.answeredAt >= from && predicate(probe.answer));
      if (found) return found;
      if (performance.now() >= deadline) {
        const last = this.probes.at(-1);
        throw new Error(`no matching answer within ${timeoutMs} ms; the last was ${JSON.stringify(last?.answer)}`);
      }
      await sleep(20);
    }
  }

  async stop(): Promise<Probe[]> {
    this.#running = false;
    await this.#done;
    return [...this.probes].sort((a, b) => a.sentAt - b.sentAt);
  }
}

/**
 * The trace ids of `answers`, each of which must carry one. Sentry's SDK drops an error event that
 * repeats the one before it (its Dedupe integration), so of many identical failures in a row only
 * the first reaches Sentry: a test looks for an event on any of the failed requests' traces.
 */
export function traceIdsOf(answers: GraphQLAnswer[]): Set<string> {
  const ids = answers.map(traceIdOf);
  for (const id of ids) assert.match(id ?? '', /^[0-9a-f]{32}$/, 'every answer names its trace');
  return new Set(ids as string[]);
}

/** Polls `check` until it holds (or `timeoutMs` passes), returning how long that took. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check().catch(() => false)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** A service's readiness answer: HTTP status and the state of each dependency. */
export async function readiness(
  port: number,
): Promise<{ status: number; body: { status: string; dependencies?: Record<string, { status: string }> } }> {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json()) as never };
}

/** Whether a service's process still answers its liveness route. */
export async function isLive(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
  return response?.status === 200;
}

/** One line for the test log and RELIABILITY.md. */
export function report(fault: string, figures: Record<string, string | number>): void {
  console.log(
    `[fault ${fault}] ${Object.entries(figures)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ')}`,
  );
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
