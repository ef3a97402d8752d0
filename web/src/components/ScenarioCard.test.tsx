import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CATALOG, fakeGateway, jsonBody, renderInPanel } from '../test-fixtures.js';
import { ScenarioCard } from './ScenarioCard.js';

const nPlusOne = CATALOG[0]!;
const NAMES = CATALOG.map((scenario) => scenario.name);

/** The gateway's answer: its cost depends on the mode the request asked for, as the real one does. */
function perfFor(headers: Headers) {
  const slow = headers.get('x-scenarios')?.endsWith('n-plus-one=slow') ?? false;
  return {
    data: { players: [] },
    extensions: {
      perf: {
        traceId: slow ? 'a'.repeat(32) : 'b'.repeat(32),
        totalMs: slow ? 150 : 30,
        subgraphs: {
          users: { fetches: 1, ms: slow ? 120 : 10, sqlStatements: slow ? 221 : 2, sqlMs: 1, mongoCommands: 0, mongoMs: 0, httpCalls: 0 },
        },
        plan: { fetches: 3, sequentialDepth: slow ? 3 : 2 },
      },
    },
  };
}

describe('ScenarioCard', () => {
  it('runs the slow variant with its header and shows what it cost and its trace', async () => {
    const gateway = fakeGateway((_body, headers) => perfFor(headers));
    renderInPanel(<ScenarioCard scenario={nPlusOne} catalogNames={NAMES} />, { fetchImpl: gateway.fetchImpl });
    await userEvent.click(screen.getByRole('button', { name: 'Run slow' }));
    const result = await screen.findByRole('article', { name: 'Run slow result' });
    expect(within(result).getByTestId('total-ms')).toHaveTextContent('150 ms');
    expect(within(result).getByTestId('sql-statements')).toHaveTextContent('221');
    expect(within(result).getByTestId('plan-depth')).toHaveTextContent('3 of 3');
    expect(within(result).getByTestId('trace-id')).toHaveTextContent('a'.repeat(32));
    expect(within(result).getByRole('link', { name: 'open in Spotlight' })).toHaveAttribute(
      'href',
      `http://spotlight.test/telemetry/traces/${'a'.repeat(32)}`,
    );
    expect(within(result).getByRole('link', { name: 'open in Sentry' })).toHaveAttribute(
      'href',
      `https://acme.sentry.io/performance/trace/${'a'.repeat(32)}/`,
    );
    const sent = gateway.requests.find((request) => request.url.endsWith('/graphql'))!;
    expect(sent.init?.method).toBe('POST');
    // This scenario slow, every other one of the catalog fixed: the run shows this problem alone.
    expect(new Headers(sent.init?.headers).get('x-scenarios')).toBe('payment-latency=fixed,pool-exhaustion=fixed,n-plus-one=slow');
    expect(jsonBody(sent.init)).toMatchObject({ variables: nPlusOne.variables });
  });

  it("sends a mode's own operation and variables when the scenario gives the mode one", async () => {
    const fixedOperation = 'query NPlusOneFixed($first: Int!) { players(first: $first) { id displayName } }';
    const scenario = { ...nPlusOne, operations: { fixed: { operation: fixedOperation, variables: { first: 3 } } } };
    const gateway = fakeGateway((_body, headers) => perfFor(headers));
    renderInPanel(<ScenarioCard scenario={scenario} catalogNames={NAMES} />, { fetchImpl: gateway.fetchImpl });
    await userEvent.click(screen.getByRole('button', { name: 'Run fixed' }));
    await screen.findByRole('article', { name: 'Run fixed result' });
    await userEvent.click(screen.getByRole('button', { name: 'Run slow' }));
    await screen.findByRole('article', { name: 'Run slow result' });
    const bodies = gateway.requests
      .filter((request) => request.url.endsWith('/graphql'))
      .map((request) => jsonBody(request.init) as { query: string; variables: unknown });
    // urql sends the documents printed again: compare their operation names.
    expect(bodies.map((body) => [/query (\w+)/.exec(body.query)?.[1], body.variables])).toEqual([
      ['NPlusOneFixed', { first: 3 }],
      ['NPlusOne', nPlusOne.variables],
    ]);
  });

  it("without a DSN, sends each click's unit of work under one traceparent of its own (services admit slow variants per trace)", async () => {
    const pool = CATALOG.find((scenario) => scenario.name === 'pool-exhaustion')!;
    const gateway = fakeGateway((_body, headers) => perfFor(headers));
    renderInPanel(<ScenarioCard scenario={pool} catalogNames={NAMES} />, { fetchImpl: gateway.fetchImpl });
    await userEvent.click(screen.getByRole('button', { name: 'Run slow' }));
    await screen.findByRole('article', { name: 'Run slow result' });
    await userEvent.click(screen.getByRole('button', { name: 'Run fixed' }));
    await screen.findByRole('article', { name: 'Run fixed result' });
    const traces = gateway.requests
      .filter((request) => request.url.endsWith('/graphql'))
      .map((request) => /^00-([0-9a-f]{32})-[0-9a-f]{16}-00$/.exec(new Headers(request.init?.headers).get('traceparent') ?? '')?.[1]);
    expect(traces).toHaveLength(2 * pool.unit!.requests);
    expect(traces.every(Boolean)).toBe(true);
    expect(new Set(traces.slice(0, pool.unit!.requests)).size).toBe(1);
    expect(new Set(traces.slice(pool.unit!.requests)).size).toBe(1);
    expect(traces[0]).not.toBe(traces.at(-1));
  });

  it('shows an error with its code and message', async () => {
    const gateway = fakeGateway(() => ({
      errors: [{ message: 'x-scenarios: unknown scenario "nope"; expected one of n-plus-one', extensions: { code: 'BAD_USER_INPUT' } }],
    }));
    renderInPanel(<ScenarioCard scenario={nPlusOne} catalogNames={NAMES} />, { fetchImpl: gateway.fetchImpl });
    await userEvent.click(screen.getByRole('button', { name: 'Run fixed' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('BAD_USER_INPUT');
    expect(alert).toHaveTextContent('unknown scenario "nope"');
  });

  it("shows the answer a twin gives by design (infinite-loop's guard) as its result, not as a failure", async () => {
    // The expected error is the catalog's (expected-errors.ts), found by the scenario's name.
    const infiniteLoop = { ...nPlusOne, name: 'infinite-loop', sentry: { signals: ['error' as const], alerts: [], where: 'Issues' } };
    const gateway = fakeGateway(() => ({
      errors: [{ message: 'stakeProfile: pagination made no progress after 9 pages', extensions: { code: 'LOOP_GUARD_TRIPPED' } }],
      extensions: { perf: { traceId: 'c'.repeat(32), totalMs: 1500, subgraphs: {} } },
    }));
    renderInPanel(<ScenarioCard scenario={infiniteLoop} catalogNames={[...NAMES, 'infinite-loop']} />, { fetchImpl: gateway.fetchImpl });
    await userEvent.click(screen.getByRole('button', { name: 'Run slow' }));
    const result = await screen.findByRole('article', { name: 'Run slow result' });
    expect(within(result).queryByRole('alert')).toBeNull();
    expect(within(result).getByRole('status')).toHaveTextContent('as this twin does by design, with LOOP_GUARD_TRIPPED');
    await userEvent.click(screen.getByRole('button', { name: 'Run fixed' }));
    const fixed = await screen.findByRole('article', { name: 'Run fixed result' });
    expect(within(fixed).getByRole('alert')).toHaveTextContent('LOOP_GUARD_TRIPPED');
  });

  it('compares slow and fixed interleaved: both distributions, the median ratio and the counts', async () => {
    const gateway = fakeGateway((_body, headers) => perfFor(headers));
    renderInPanel(<ScenarioCard scenario={nPlusOne} catalogNames={NAMES} />, { fetchImpl: gateway.fetchImpl });
    const count = screen.getByLabelText('Runs per mode');
    await userEvent.clear(count);
    await userEvent.type(count, '2');
    await userEvent.click(screen.getByRole('button', { name: 'Compare' }));
    const compare = await screen.findByRole('region', { name: 'Compare result' });
    await within(compare).findByText('Compare: 4 of 4 runs');
    const modes = gateway.requests
      .filter((request) => request.url.endsWith('/graphql'))
      .map((request) => new Headers(request.init?.headers).get('x-scenarios'));
    expect(modes).toEqual(
      ['slow', 'fixed', 'slow', 'fixed'].map((mode) => `payment-latency=fixed,pool-exhaustion=fixed,n-plus-one=${mode}`),
    );
    expect(within(compare).getByTestId('median-ratio')).toHaveTextContent('Slow takes 5× the time of fixed');
    expect(
      within(compare)
        .getByRole('img', { name: /Latency of each run/ })
        .querySelector('svg'),
    ).not.toBeNull();
    const sqlRow = within(compare).getByRole('row', { name: /Median SQL statements/ });
    expect(
      within(sqlRow)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['221', '2']);
  });

  it('refuses a run count that is not a whole number from 1 to 50, and says what arrived', async () => {
    const gateway = fakeGateway((_body, headers) => perfFor(headers));
    renderInPanel(<ScenarioCard scenario={nPlusOne} catalogNames={NAMES} />, { fetchImpl: gateway.fetchImpl });
    const count = screen.getByLabelText('Runs per mode');
    await userEvent.clear(count);
    await userEvent.type(count, '500');
    await userEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Expected a whole number of runs from 1 to 50; got "500".');
    expect(gateway.requests.filter((request) => request.url.endsWith('/graphql'))).toHaveLength(0);
  });

  it('bursts five slow runs, each its own trace, then evaluates the dashboard on them', async () => {
    let sequence = 0;
    const gateway = fakeGateway((_body, headers) => {
      const answer = perfFor(headers);
      answer.extensions.perf.traceId = String(++sequence).padStart(32, '0');
      return answer;
    });
    renderInPanel(<ScenarioCard scenario={nPlusOne} catalogNames={NAMES} />, { fetchImpl: gateway.fetchImpl });
    await userEvent.click(screen.getByRole('button', { name: 'Burst ×5' }));
    await screen.findByRole('article', { name: 'Burst 5/5 result' });
    const traceIds = screen.getAllByTestId('trace-id').map((element) => element.textContent);
    expect(new Set(traceIds).size).toBe(5);
    expect(screen.getAllByTestId('run-result').every((element) => element.dataset['mode'] === 'slow')).toBe(true);
    // The scenario's dashboard and the alert rules, evaluated on the five runs' traces once they reach Spotlight.
    const dashboard = await screen.findByTestId('dashboard');
    expect(dashboard).toHaveTextContent('Sentry dashboard: Trace Arcade: N+1 queries from nested resolvers');
    expect(dashboard).toHaveTextContent("Evaluating the widgets on the runs' traces in Spotlight");
  });

  it("sends the scenario's unit of work under one click: every request, at most `concurrency` at a time, one result", async () => {
    const pool = CATALOG.find((scenario) => scenario.name === 'pool-exhaustion')!;
    let inFlight = 0;
    let mostInFlight = 0;
    const gateway = fakeGateway(() => ({
      data: { playRound: { won: false } },
      extensions: { perf: { traceId: 'c'.repeat(32), totalMs: 20, subgraphs: {} } },
    }));
    const { fetchImpl } = gateway;
    const counting = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const isGraphql = (input instanceof Request ? input.url : input.toString()).endsWith('/graphql');
      if (isGraphql) mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      try {
        return await fetchImpl(input, init);
      } finally {
        if (isGraphql) inFlight--;
      }
    }) as typeof fetch;
    renderInPanel(<ScenarioCard scenario={pool} catalogNames={NAMES} />, { fetchImpl: counting });
    await userEvent.click(screen.getByRole('button', { name: 'Run slow' }));
    const result = await screen.findByRole('article', { name: 'Run slow result' });
    expect(gateway.requests.filter((request) => request.url.endsWith('/graphql'))).toHaveLength(4);
    expect(mostInFlight).toBe(4);
    expect(within(result).getByRole('heading', { level: 3 })).toHaveTextContent('4 requests, figures of the slowest');
    expect(screen.getAllByRole('article')).toHaveLength(1);
  });
});
