import type { SentryTransaction } from './sentry-event.js';
import { signalsFromSpotlightEvent } from './spotlight-event.js';
import { emptySignals, signalsOfTrace, type TraceSignals } from './trace-signals.js';

export type StreamState = 'connecting' | 'open' | 'unavailable';

/** The services whose transactions a trace needs before it can be judged. */
export interface TraceWait {
  traceId: string;
  services: readonly string[];
  /** Each awaited service sends at least this many transactions (one per request of the run). */
  requests?: number;
  /** Trace metrics the run's judgement reads: after the transactions, wait up to `metricsWaitMs` for each to arrive. */
  metrics?: readonly string[];
  metricsWaitMs?: number;
  /** Give up after this long: the trace is then judged unavailable. */
  timeoutMs?: number;
  /** After the last awaited service arrives, wait this long for stragglers (internal calls). */
  settleMs?: number;
}

export type TraceWaitResult = { status: 'complete'; signals: TraceSignals } | { status: 'unavailable'; reason: string };

const ENVELOPE_EVENT = 'application/x-sentry-envelope';

/** What the stream needs of an `EventSource`: the browser's, or a reader of `GET /stream` in Node (which has none). */
export interface SpotlightEventSource {
  onopen: (() => void) | null;
  onerror: (() => void) | null;
  addEventListener(type: typeof ENVELOPE_EVENT, listener: (event: { data: string }) => void): void;
  close(): void;
}

function browserEventSource(url: string): SpotlightEventSource {
  const EventSourceClass = (globalThis as unknown as { EventSource: new (url: string) => SpotlightEventSource }).EventSource;
  return new EventSourceClass(url);
}

function serviceOf(transaction: SentryTransaction): string | undefined {
  return transaction.server_name ?? transaction.tags?.['service'];
}

/**
 * Follows Spotlight's event stream (`GET /stream`, server-sent events) and keeps, by trace id,
 * every transaction, error event and trace metric, so the panel (and the workshop checker) can judge a
 * click's trace as Sentry would. When Spotlight cannot be reached the state is `unavailable` and nothing is guessed.
 */
export class SpotlightStream {
  #state: StreamState = 'connecting';
  readonly #byTrace = new Map<string, TraceSignals>();
  readonly #listeners = new Set<() => void>();
  #source: SpotlightEventSource | undefined;

  constructor(
    private readonly spotlightUrl: string | null,
    /** Opens the stream: the browser's EventSource by default. */
    private readonly openSource: (url: string) => SpotlightEventSource = browserEventSource,
  ) {}

  get state(): StreamState {
    return this.spotlightUrl ? this.#state : 'unavailable';
  }

  connect(): void {
    if (!this.spotlightUrl || this.#source) return;
    const source = this.openSource(`${this.spotlightUrl}/stream?client=trace-arcade-panel`);
    this.#source = source;
    source.onopen = () => this.#setState('open');
    // Before the stream has ever opened, an error means Spotlight is not running; later, it is reconnecting.
    source.onerror = () => this.#setState(this.#state === 'open' ? 'connecting' : 'unavailable');
    source.addEventListener(ENVELOPE_EVENT, (event) => this.receive(event.data));
  }

  close(): void {
    this.#source?.close();
    this.#source = undefined;
  }

  /** Takes one event's data: its transactions, error events and metrics are kept under their trace ids. */
  receive(data: string): void {
    const signals = signalsFromSpotlightEvent(data);
    const traceIds = new Set([
      ...signals.transactions.map((transaction) => transaction.contexts.trace.trace_id),
      ...signals.errors.map((event) => event.contexts.trace.trace_id),
      ...signals.metrics.map((metric) => metric.trace_id),
    ]);
    for (const traceId of traceIds) {
      const ofTrace = signalsOfTrace(signals, traceId);
      const kept = this.#byTrace.get(traceId) ?? emptySignals();
      kept.transactions.push(...ofTrace.transactions);
      kept.errors.push(...ofTrace.errors);
      kept.metrics.push(...ofTrace.metrics);
      this.#byTrace.set(traceId, kept);
    }
    this.#notify();
  }

  /** What has arrived for the trace so far (a copy). */
  signalsOf(traceId: string): TraceSignals {
    const kept = this.#byTrace.get(traceId) ?? emptySignals();
    return { transactions: [...kept.transactions], errors: [...kept.errors], metrics: [...kept.metrics] };
  }

  transactionsOf(traceId: string): SentryTransaction[] {
    return this.signalsOf(traceId).transactions;
  }

  /** For `useSyncExternalStore`: a stable function, called on every change of state or content. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /**
   * Resolves once every awaited service has sent its transactions for the trace (one per request),
   * stragglers settled, and every awaited metric arrived or `metricsWaitMs` passed: metrics are
   * judged on what arrived, and a metric that never arrives is simply not there to judge.
   */
  waitForTrace({
    traceId,
    services,
    requests = 1,
    metrics = [],
    timeoutMs = 15_000,
    settleMs = 1_500,
    metricsWaitMs = 10_000,
  }: TraceWait): Promise<TraceWaitResult> {
    return new Promise((resolve) => {
      let settleTimer: ReturnType<typeof setTimeout> | undefined;
      let metricsTimer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const finish = (result: TraceWaitResult) => {
        clearTimeout(deadline);
        clearTimeout(settleTimer);
        clearTimeout(metricsTimer);
        unsubscribe();
        resolve(result);
      };
      const complete = () => finish({ status: 'complete', signals: this.signalsOf(traceId) });
      const countOf = (service: string) => this.transactionsOf(traceId).filter((t) => serviceOf(t) === service).length;
      const metricsArrived = () => {
        const names = new Set(this.signalsOf(traceId).metrics.map((metric) => metric.name));
        return metrics.every((name) => names.has(name));
      };
      const check = () => {
        if (this.state === 'unavailable') {
          finish({ status: 'unavailable', reason: 'Spotlight is not running' });
          return;
        }
        if (settled) {
          if (metricsArrived()) complete();
          return;
        }
        if (!settleTimer && services.every((service) => countOf(service) >= requests)) {
          clearTimeout(deadline);
          settleTimer = setTimeout(() => {
            settled = true;
            if (metricsArrived()) complete();
            else metricsTimer = setTimeout(complete, metricsWaitMs);
          }, settleMs);
        }
      };
      const deadline = setTimeout(() => {
        const missing = services.filter((service) => countOf(service) < requests);
        finish({
          status: 'unavailable',
          reason: `the trace did not reach Spotlight within ${timeoutMs / 1000} s (missing: ${missing.join(', ')})`,
        });
      }, timeoutMs);
      const unsubscribe = this.subscribe(check);
      check();
    });
  }

  #setState(state: StreamState): void {
    this.#state = state;
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
