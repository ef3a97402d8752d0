import { act, screen, within } from '@testing-library/react';
import type { MetricAlertRule } from '@trace-arcade/trace-detectors';
import { describe, expect, it } from 'vitest';
import { runOutcome, renderInPanel, spotlightEvent, spotlightItem, TEST_CONFIG } from '../test-fixtures.js';
import { VerdictLine } from './VerdictLine.js';

const TRACE = 'c'.repeat(32);

function transaction(service: string, spans: Record<string, unknown>[]) {
  const root = { trace_id: TRACE, span_id: `${service}-root`.padEnd(16, '0'), parent_span_id: 'ffffffffffffffff', op: 'http.server' };
  return {
    type: 'transaction',
    transaction: 'POST /graphql',
    server_name: service,
    contexts: { trace: root },
    spans,
    start_timestamp: 0,
    timestamp: 1,
  };
}

function nPlusOneSpans(count: number) {
  const execute = {
    trace_id: TRACE,
    span_id: 'e'.repeat(16),
    parent_span_id: 'users-root'.padEnd(16, '0'),
    op: 'graphql.execute',
    start_timestamp: 0,
    timestamp: 1,
  };
  const source = {
    trace_id: TRACE,
    span_id: 's'.repeat(16),
    parent_span_id: execute.span_id,
    op: 'db',
    description: 'select id from players limit $1',
    start_timestamp: 0.01,
    timestamp: 0.02,
  };
  const repeated = Array.from({ length: count }, (_, index) => ({
    trace_id: TRACE,
    span_id: String(index).padStart(16, '1'),
    parent_span_id: execute.span_id,
    op: 'db',
    description: 'select * from rounds where player_id = $1',
    start_timestamp: 0.03 + index * 0.02,
    timestamp: 0.04 + index * 0.02,
  }));
  return [execute, source, ...repeated];
}

const run = runOutcome({ traceId: TRACE, subgraphs: { users: runOutcome().subgraphs['users']! } });

const POOL_WAIT: MetricAlertRule = {
  metric: 'db.pool.wait',
  aggregate: 'p95',
  above: 500,
  unit: 'millisecond',
  where: 'Dashboards → pool wait p95',
};

/** An ANR event as `Sentry.anrIntegration` sends it (the shape of @sentry/node 11's ANR worker), on the run's trace. */
function anrEvent() {
  return {
    event_id: 'a'.repeat(32),
    level: 'error',
    platform: 'node',
    tags: { service: 'game' },
    contexts: { trace: { trace_id: TRACE, span_id: 'b'.repeat(16) } },
    exception: {
      values: [
        {
          type: 'ApplicationNotResponding',
          value: 'Application Not Responding for at least 500 ms',
          mechanism: { type: 'ANR' },
          stacktrace: {
            frames: [
              { function: 'processTicksAndRejections', filename: 'node:internal/process/task_queues', in_app: false },
              { function: 'isPrime', filename: '/app/subgraphs/game/dist/scenarios/cpu-rng.js', lineno: 12, in_app: true },
            ],
          },
        },
      ],
    },
  };
}

function metricItem(values: number[]) {
  return {
    items: values.map((value, index) => ({
      timestamp: 1000 + index,
      trace_id: TRACE,
      name: 'db.pool.wait',
      type: 'distribution',
      unit: 'millisecond',
      value,
      attributes: { service: { value: 'game', type: 'string' } },
    })),
  };
}

const poolRun = runOutcome({ traceId: TRACE, requests: 2, subgraphs: { game: runOutcome().subgraphs['game']! } });

describe('VerdictLine', () => {
  it('names the N+1 Query that Sentry would flag, once the trace reached Spotlight, and counts it in data-findings', async () => {
    const { spotlight } = renderInPanel(<VerdictLine run={run} alerts={[]} />);
    expect(screen.getByTestId('verdict')).toHaveTextContent('waiting for the trace in Spotlight');
    expect(screen.getByTestId('verdict')).not.toHaveAttribute('data-findings');
    act(() => {
      spotlight.receive(spotlightEvent(transaction('gateway', [])));
      spotlight.receive(spotlightEvent(transaction('users', nPlusOneSpans(20))));
    });
    const list = await screen.findByRole('list', { name: 'What Sentry would show' }, { timeout: 4000 });
    expect(within(list).getByText(/N\+1 Query: 20 repeated statements in users/)).toBeInTheDocument();
    expect(within(list).getByText('In Sentry: Issues → N+1 Query; Insights → Queries')).toBeInTheDocument();
    expect(within(list).getByRole('link', { name: 'trace in Spotlight' })).toHaveAttribute(
      'href',
      `http://spotlight.test/telemetry/traces/${TRACE}`,
    );
    expect(screen.getByTestId('verdict')).toHaveAttribute('data-findings', '1');
  });

  it('says nothing is shown for a clean trace, with data-findings 0', async () => {
    const { spotlight } = renderInPanel(<VerdictLine run={run} alerts={[]} />);
    act(() => {
      spotlight.receive(spotlightEvent(transaction('gateway', [])));
      spotlight.receive(spotlightEvent(transaction('users', nPlusOneSpans(2))));
    });
    expect(await screen.findByText('nothing', { exact: false }, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByTestId('verdict')).toHaveAttribute('data-findings', '0');
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('lists a blocked-event-loop event with its blocking frame and a link to the event', async () => {
    const { spotlight } = renderInPanel(<VerdictLine run={run} alerts={[]} />);
    act(() => {
      spotlight.receive(spotlightItem('event', anrEvent()));
      spotlight.receive(spotlightEvent(transaction('gateway', [])));
      spotlight.receive(spotlightEvent(transaction('users', [])));
    });
    const list = await screen.findByRole('list', { name: 'What Sentry would show' }, { timeout: 4000 });
    expect(within(list).getByText(/Event loop blocked in game at isPrime/)).toBeInTheDocument();
    expect(within(list).getByText(/Issues → Event Loop Blocked \(ApplicationNotResponding\)/)).toBeInTheDocument();
    expect(within(list).getByRole('link', { name: 'event in Spotlight' })).toHaveAttribute(
      'href',
      `http://spotlight.test/telemetry/errors/${'a'.repeat(32)}/details`,
    );
  });

  it("judges the scenario's metric alert over every request of the run: above the threshold is a finding", async () => {
    const { spotlight } = renderInPanel(<VerdictLine run={poolRun} alerts={[POOL_WAIT]} />);
    act(() => {
      for (let i = 0; i < 2; i++) {
        spotlight.receive(spotlightEvent(transaction('gateway', [])));
        spotlight.receive(spotlightEvent(transaction('game', [])));
      }
      spotlight.receive(spotlightItem('trace_metric', metricItem([240, 1160])));
    });
    const list = await screen.findByRole('list', { name: 'What Sentry would show' }, { timeout: 4000 });
    expect(within(list).getByText(/db\.pool\.wait p95 1160 ms over 2 values, above the alert's 500 ms/)).toBeInTheDocument();
    expect(within(list).getByText('In Sentry: Dashboards → pool wait p95')).toBeInTheDocument();
    expect(screen.getByTestId('verdict')).toHaveAttribute('data-findings', '1');
  });

  it('waits for every request of the run before judging: one of two is not enough', async () => {
    const { spotlight } = renderInPanel(<VerdictLine run={poolRun} alerts={[POOL_WAIT]} />);
    act(() => {
      spotlight.receive(spotlightEvent(transaction('gateway', [])));
      spotlight.receive(spotlightEvent(transaction('game', [])));
      spotlight.receive(spotlightItem('trace_metric', metricItem([80])));
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(screen.getByTestId('verdict')).toHaveTextContent('waiting for the trace in Spotlight');
    act(() => {
      spotlight.receive(spotlightEvent(transaction('gateway', [])));
      spotlight.receive(spotlightEvent(transaction('game', [])));
      spotlight.receive(spotlightItem('trace_metric', metricItem([90])));
    });
    await screen.findByText('nothing', { exact: false }, { timeout: 4000 });
    expect(screen.getByTestId('verdict')).toHaveAttribute('data-findings', '0');
  });

  it('says the verdict is unavailable when Spotlight is not configured, rather than guessing', async () => {
    renderInPanel(<VerdictLine run={run} alerts={[]} />, { config: { ...TEST_CONFIG, spotlightUrl: null } });
    expect(await screen.findByTestId('verdict')).toHaveTextContent('verdict unavailable: Spotlight is not running');
  });
});
