import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { runOutcome, renderInPanel, spotlightEvent, TEST_CONFIG } from '../test-fixtures.js';
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

describe('VerdictLine', () => {
  it('names the N+1 Query that Sentry would flag, once the trace reached Spotlight', async () => {
    const { spotlight } = renderInPanel(<VerdictLine run={run} />);
    expect(screen.getByTestId('verdict')).toHaveTextContent('waiting for the trace in Spotlight');
    act(() => {
      spotlight.receive(spotlightEvent(transaction('gateway', [])));
      spotlight.receive(spotlightEvent(transaction('users', nPlusOneSpans(20))));
    });
    expect(await screen.findByText('N+1 Query: 20 repeated statements in users', {}, { timeout: 4000 })).toBeInTheDocument();
  });

  it('says no performance issue for a clean trace', async () => {
    const { spotlight } = renderInPanel(<VerdictLine run={run} />);
    act(() => {
      spotlight.receive(spotlightEvent(transaction('gateway', [])));
      spotlight.receive(spotlightEvent(transaction('users', nPlusOneSpans(2))));
    });
    expect(await screen.findByText('no performance issue', {}, { timeout: 4000 })).toBeInTheDocument();
  });

  it('says the verdict is unavailable when Spotlight is not configured, rather than guessing', async () => {
    renderInPanel(<VerdictLine run={run} />, { config: { ...TEST_CONFIG, spotlightUrl: null } });
    expect(await screen.findByTestId('verdict')).toHaveTextContent('verdict unavailable: Spotlight is not running');
  });
});
