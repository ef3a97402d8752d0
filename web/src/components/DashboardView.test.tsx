import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { runOutcome, renderInPanel, spotlightEvent, spotlightItem } from '../test-fixtures.js';
import { CompareView } from './CompareView.js';

const SLOW = 'a'.repeat(32);
const FIXED = 'b'.repeat(32);

/** The gateway's and game's transactions of one bet, game's holding one acquire of the bet pool. */
function betTransactions(traceId: string, acquireMs: number) {
  const root = (service: string) => ({ trace_id: traceId, span_id: `${service}${traceId}`.slice(0, 16), op: 'http.server' });
  const acquire = {
    trace_id: traceId,
    span_id: 'c'.repeat(16),
    parent_span_id: root('game').span_id,
    op: 'db.connection.acquire',
    description: 'acquire',
    start_timestamp: 1000,
    timestamp: 1000 + acquireMs / 1000,
    data: { 'db.client.connection.pool.name': 'bet' },
  };
  const transaction = (service: string, spans: unknown[]) => ({
    type: 'transaction',
    transaction: service === 'game' ? 'POST /graphql (mutation PoolExhaustion__game__0)' : 'POST /graphql',
    server_name: service,
    contexts: { trace: root(service) },
    spans,
    start_timestamp: 1000,
    timestamp: 1000 + (acquireMs + 600) / 1000,
  });
  return [transaction('gateway', []), transaction('game', [acquire])];
}

function poolWait(traceId: string, value: number) {
  const item = { timestamp: 1000, trace_id: traceId, name: 'db.pool.wait', type: 'distribution', unit: 'millisecond', value };
  return {
    items: [{ ...item, attributes: { service: { value: 'game', type: 'string' }, 'db.pool.name': { value: 'bet', type: 'string' } } }],
  };
}

const game = { game: runOutcome().subgraphs['game']! };
const runs = [
  runOutcome({ scenario: 'pool-exhaustion', mode: 'slow', traceId: SLOW, subgraphs: game }),
  runOutcome({ scenario: 'pool-exhaustion', mode: 'fixed', traceId: FIXED, subgraphs: game }),
];

describe('the dashboard in Compare', () => {
  it("evaluates the scenario's widgets on the slow runs beside the fixed ones, and names the alerts each would fire", async () => {
    const { spotlight } = renderInPanel(<CompareView scenario="pool-exhaustion" runs={runs} planned={2} />);
    const dashboard = screen.getByTestId('dashboard');
    expect(dashboard).toHaveTextContent('Sentry dashboard: Trace Arcade: Pooled connection held across a third-party call');
    expect(dashboard).toHaveTextContent('sentry/dashboards/pool-exhaustion.json');
    act(() => {
      for (const transaction of [...betTransactions(SLOW, 1800), ...betTransactions(FIXED, 15)])
        spotlight.receive(spotlightEvent(transaction));
      spotlight.receive(spotlightItem('trace_metric', poolWait(SLOW, 1790)));
      spotlight.receive(spotlightItem('trace_metric', poolWait(FIXED, 12)));
    });
    const table = await screen.findByTestId('dashboard-widgets', {}, { timeout: 4000 });
    const row = within(table).getByRole('row', { name: /Bet pool wait p95 \(spans\)/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['1800 ms', '15 ms']);
    const metricRow = within(table).getByRole('row', { name: /Bet pool wait p95 \(metric\)/ });
    expect(
      within(metricRow)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['1790 ms', '12 ms']);
    const alerts = screen.getByTestId('dashboard-alerts');
    expect(
      within(alerts)
        .getByText(/^slow:/)
        .closest('li'),
    ).toHaveTextContent(
      'slow: Trace Arcade: bet pool wait p95 above 500 ms (critical, p95(value,db.pool.wait,distribution,millisecond) = 1790 > 500)',
    );
    expect(
      within(alerts)
        .getByText(/^fixed:/)
        .closest('li'),
    ).toHaveTextContent('fixed: no alert would fire');
  });

  it('shows no dashboard before every run of the compare is done', () => {
    renderInPanel(<CompareView scenario="pool-exhaustion" runs={runs.slice(0, 1)} planned={2} />);
    expect(screen.queryByTestId('dashboard')).not.toBeInTheDocument();
  });
});
