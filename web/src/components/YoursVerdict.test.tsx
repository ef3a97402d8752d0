import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { exerciseOf, MODES, operationFor, SCENARIO_NAMES, SCENARIOS } from '@trace-arcade/scenarios';
import { describe, expect, it } from 'vitest';
import attendeeFile from '../../../workshop/federation-waterfall.graphql?raw';
import type { CatalogScenario } from '../catalog.js';
import { fakeGateway, jsonBody, renderInPanel, spotlightEvent, TEST_CONFIG } from '../test-fixtures.js';
import { ScenarioCard } from './ScenarioCard.js';

/** A scenario of the catalog as the gateway serves it (`GET /scenarios`). */
function catalogEntry(name: string): CatalogScenario {
  const scenario = SCENARIOS.find((candidate) => candidate.name === name)!;
  const entry = { ...scenario, modes: MODES, operations: Object.fromEntries(MODES.map((mode) => [mode, operationFor(scenario, mode)])) };
  return JSON.parse(JSON.stringify(entry)) as CatalogScenario;
}

const NAMES = [...SCENARIO_NAMES];
const N_PLUS_ONE = catalogEntry('n-plus-one');
const NO_SPOTLIGHT = { ...TEST_CONFIG, spotlightUrl: null };
const FIXED_TRACE = 'f'.repeat(32);
const YOURS_TRACE = 'c'.repeat(32);
const PLAYERS = { players: [{ id: '1', recentRounds: [{ id: 'r1', game: { id: 'slots-fruit' } }] }] };

/** The mode the request asked for this scenario (the last entry of `x-scenarios`). */
function modeOf(headers: Headers, scenario = 'n-plus-one'): string | undefined {
  return new RegExp(`(?:^|,)${scenario}=(\\w+)$`).exec(headers.get('x-scenarios') ?? '')?.[1];
}

function cost(sqlStatements: number) {
  return { fetches: 1, ms: 10, sqlStatements, sqlMs: 1, mongoCommands: 0, mongoMs: 0, httpCalls: 0 };
}

/** The gateway's answer for n-plus-one: the fixed twin costs 3 SQL statements (2 in users, 1 in game); yours what the test says. */
function nPlusOneAnswer(headers: Headers, yours: { users: number; game: number; data?: unknown }) {
  const isYours = modeOf(headers) === 'yours';
  return {
    data: isYours ? (yours.data ?? PLAYERS) : PLAYERS,
    extensions: {
      perf: {
        traceId: isYours ? YOURS_TRACE : FIXED_TRACE,
        totalMs: isYours ? 140 : 30,
        subgraphs: isYours ? { users: cost(yours.users), game: cost(yours.game) } : { users: cost(2), game: cost(1) },
        plan: { fetches: 3, sequentialDepth: 2 },
      },
    },
  };
}

function graphqlRequests(requests: { url: string; init?: RequestInit }[]) {
  return requests
    .filter((request) => request.url.endsWith('/graphql'))
    .map((request) => ({
      headers: new Headers(request.init?.headers),
      body: jsonBody(request.init) as { query: string; variables: Record<string, unknown> },
    }));
}

const operationName = (query: string) => /(?:query|mutation)\s+(\w+)/.exec(query)?.[1];

async function runYours() {
  await userEvent.click(screen.getByRole('button', { name: 'Run yours' }));
  return screen.findByRole('article', { name: 'Your version result' }, { timeout: 4000 });
}

describe('Run yours', () => {
  it('fails a version that answers the same data with 229 SQL statements beside the fixed twin’s 3, with the DataLoader hint', async () => {
    let releaseYours!: () => void;
    const yoursHeld = new Promise<void>((resolve) => (releaseYours = resolve));
    const gateway = fakeGateway((_body, headers) => nPlusOneAnswer(headers, { users: 221, game: 8 }));
    const holding = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (modeOf(new Headers(init?.headers)) === 'yours') await yoursHeld;
      return gateway.fetchImpl(input, init);
    }) as typeof fetch;
    renderInPanel(<ScenarioCard scenario={N_PLUS_ONE} catalogNames={NAMES} />, { config: NO_SPOTLIGHT, fetchImpl: holding });
    const button = screen.getByRole('button', { name: 'Run yours' });
    await userEvent.click(button);
    // While it runs: the buttons are disabled and the card says what it is doing.
    expect(await screen.findByRole('status')).toHaveTextContent('Run yours: running your version…');
    expect(button).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Run slow' })).toBeDisabled();
    releaseYours();
    const result = await screen.findByRole('article', { name: 'Your version result' });
    expect(button).toBeEnabled();
    expect(screen.getByRole('status')).toHaveTextContent('');

    expect(within(result).getByRole('heading', { level: 3 })).toHaveTextContent('Your version: failed (1 of 3 checks)');
    const sql = within(result).getByRole('listitem', { name: 'SQL statements' });
    expect(sql).toHaveTextContent('FAIL SQL statements: 229 (fixed twin: 3; allowed: at most 5)');
    expect(sql).toHaveTextContent(`Hint: ${exerciseOf('n-plus-one').budgets[0]!.hint}`);
    expect(sql).toHaveTextContent('DataLoader');
    const answer = within(result).getByRole('listitem', { name: 'same answer as the fixed twin' });
    expect(answer).toHaveTextContent('PASS same answer as the fixed twin: 1 answer compared');
    expect(within(answer).queryByText(/Hint/)).toBeNull();
    // No Spotlight: the Sentry check is skipped, with the reason, and does not fail the verdict.
    expect(within(result).getByRole('listitem', { name: 'nothing for Sentry to find' })).toHaveTextContent(
      'SKIP nothing for Sentry to find: not judged: Spotlight is not running',
    );
    expect(
      within(result)
        .getAllByTestId('trace-id')
        .map((element) => element.textContent),
    ).toEqual([YOURS_TRACE, FIXED_TRACE]);
    expect(within(result).getAllByRole('link', { name: 'open in Sentry' })[0]).toHaveAttribute(
      'href',
      `https://acme.sentry.io/performance/trace/${YOURS_TRACE}/`,
    );
  });

  it('passes a version within the budget, with the same answer', async () => {
    const gateway = fakeGateway((_body, headers) => nPlusOneAnswer(headers, { users: 3, game: 1 }));
    renderInPanel(<ScenarioCard scenario={N_PLUS_ONE} catalogNames={NAMES} />, { config: NO_SPOTLIGHT, fetchImpl: gateway.fetchImpl });
    const result = await runYours();
    expect(within(result).getByRole('heading', { level: 3 })).toHaveTextContent('Your version: passed');
    expect(within(result).getByRole('listitem', { name: 'SQL statements' })).toHaveTextContent(
      'PASS SQL statements: 4 (fixed twin: 3; allowed: at most 5)',
    );
    expect(within(result).queryByText(/Hint:/)).toBeNull();
    expect(
      within(result)
        .getAllByRole('listitem')
        .map((item) => item.dataset['status']),
    ).toEqual(['passed', 'passed', 'skipped']);
  });

  it('sends the fixed twin, then yours with n-plus-one=yours and every other scenario fixed, both the fixed operation and variables', async () => {
    const gateway = fakeGateway((_body, headers) => nPlusOneAnswer(headers, { users: 3, game: 1 }));
    renderInPanel(<ScenarioCard scenario={N_PLUS_ONE} catalogNames={NAMES} />, { config: NO_SPOTLIGHT, fetchImpl: gateway.fetchImpl });
    await runYours();
    const sent = graphqlRequests(gateway.requests);
    const others = NAMES.filter((name) => name !== 'n-plus-one').map((name) => `${name}=fixed`);
    expect(sent.map((request) => request.headers.get('x-scenarios'))).toEqual([
      [...others, 'n-plus-one=fixed'].join(','),
      [...others, 'n-plus-one=yours'].join(','),
    ]);
    const fixed = operationFor(N_PLUS_ONE, 'fixed');
    for (const { body } of sent) {
      expect(operationName(body.query)).toBe(operationName(fixed.operation));
      expect(body.variables).toEqual(fixed.variables);
    }
    // Each run is a click of its own: two traces.
    expect(new Set(sent.map((request) => request.headers.get('traceparent'))).size).toBe(2);
  });

  it('fails a different answer with the exercise’s answer hint', async () => {
    const other = { players: [{ id: '1', recentRounds: [] }] };
    const gateway = fakeGateway((_body, headers) => nPlusOneAnswer(headers, { users: 2, game: 1, data: other }));
    renderInPanel(<ScenarioCard scenario={N_PLUS_ONE} catalogNames={NAMES} />, { config: NO_SPOTLIGHT, fetchImpl: gateway.fetchImpl });
    const result = await runYours();
    expect(within(result).getByRole('heading', { level: 3 })).toHaveTextContent('Your version: failed (1 of 3 checks)');
    const answer = within(result).getByRole('listitem', { name: 'same answer as the fixed twin' });
    expect(answer).toHaveTextContent('FAIL same answer as the fixed twin: for the catalog input: expected');
    expect(answer).toHaveTextContent(`Hint: ${exerciseOf('n-plus-one').answerHint}`);
  });

  it('says in one line that the fixed twin itself failed, sends nothing of yours and gives no verdict', async () => {
    const gateway = fakeGateway(() => ({
      errors: [{ message: 'connect ECONNREFUSED 127.0.0.1:5432', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      extensions: { perf: { traceId: FIXED_TRACE, totalMs: 5, subgraphs: {} } },
    }));
    renderInPanel(<ScenarioCard scenario={N_PLUS_ONE} catalogNames={NAMES} />, { config: NO_SPOTLIGHT, fetchImpl: gateway.fetchImpl });
    const result = await runYours();
    expect(within(result).getByRole('alert')).toHaveTextContent(
      'Run yours: the fixed twin itself failed (INTERNAL_SERVER_ERROR: connect ECONNREFUSED 127.0.0.1:5432): is the stack healthy? No verdict.',
    );
    expect(within(result).queryByRole('heading')).toBeNull();
    expect(within(result).queryByRole('list')).toBeNull();
    expect(graphqlRequests(gateway.requests).map((request) => modeOf(request.headers))).toEqual(['fixed']);
  });

  it('sends a run refused as SLOW_VARIANT_BUSY again after a second', async () => {
    let refused = 0;
    const gateway = fakeGateway((_body, headers) => {
      if (modeOf(headers) === 'yours' && refused++ === 0) {
        return { errors: [{ message: 'another unit of work holds the slow variants', extensions: { code: 'SLOW_VARIANT_BUSY' } }] };
      }
      return nPlusOneAnswer(headers, { users: 2, game: 1 });
    });
    renderInPanel(<ScenarioCard scenario={N_PLUS_ONE} catalogNames={NAMES} />, { config: NO_SPOTLIGHT, fetchImpl: gateway.fetchImpl });
    await userEvent.click(screen.getByRole('button', { name: 'Run yours' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Run yours: the stack is busy with another slow unit of work; running your version again in a moment (retry 1 of 30)…',
    );
    const result = await screen.findByRole('article', { name: 'Your version result' }, { timeout: 3000 });
    expect(within(result).getByRole('heading', { level: 3 })).toHaveTextContent('Your version: passed');
    expect(graphqlRequests(gateway.requests).map((request) => modeOf(request.headers))).toEqual(['fixed', 'yours', 'yours']);
  });

  it('judges what Sentry would find on your trace in Spotlight: an N+1 Query fails the check', async () => {
    const gateway = fakeGateway((_body, headers) => nPlusOneAnswer(headers, { users: 2, game: 1 }));
    const { spotlight } = renderInPanel(<ScenarioCard scenario={N_PLUS_ONE} catalogNames={NAMES} />, { fetchImpl: gateway.fetchImpl });
    act(() => {
      for (const service of ['gateway', 'users', 'game'])
        spotlight.receive(spotlightEvent(transaction(service, service === 'users' ? nPlusOneSpans(20) : [])));
    });
    const result = await runYours();
    expect(within(result).getByRole('heading', { level: 3 })).toHaveTextContent('Your version: failed (1 of 3 checks)');
    const sentry = within(result).getByRole('listitem', { name: 'nothing for Sentry to find' });
    expect(sentry).toHaveTextContent(/^FAIL nothing for Sentry to find: N\+1 Query: 20 repeated statements in users/);
    expect(sentry).toHaveTextContent('Hint: Open your trace');
    expect(within(result).getAllByRole('link', { name: 'open in Spotlight' })[0]).toHaveAttribute(
      'href',
      `http://spotlight.test/telemetry/traces/${YOURS_TRACE}`,
    );
  });

  it("sends the exercise's probes first, each in a trace of its own, then the unit, for both runs", async () => {
    const regex = catalogEntry('regex-backtracking');
    const probes = exerciseOf('regex-backtracking').probes!;
    const gateway = fakeGateway((body, headers) => ({
      data: { validName: /^[a-zA-Z0-9]+(?: [a-zA-Z0-9]+)* ?$/.test(String((body.variables as { name: string }).name)) },
      extensions: {
        perf: { traceId: modeOf(headers, 'regex-backtracking') === 'yours' ? YOURS_TRACE : FIXED_TRACE, totalMs: 5, subgraphs: {} },
      },
    }));
    renderInPanel(<ScenarioCard scenario={regex} catalogNames={NAMES} />, { config: NO_SPOTLIGHT, fetchImpl: gateway.fetchImpl });
    const result = await runYours();
    expect(within(result).getByRole('heading', { level: 3 })).toHaveTextContent('Your version: passed');
    expect(within(result).getByRole('listitem', { name: 'same answer as the fixed twin' })).toHaveTextContent('6 answers compared');
    const sent = graphqlRequests(gateway.requests);
    const fixed = operationFor(regex, 'fixed');
    const oneRun = [...probes.map((probe) => ({ ...fixed.variables, ...probe })), fixed.variables];
    expect(sent.map((request) => [modeOf(request.headers, 'regex-backtracking'), request.body.variables])).toEqual([
      ...oneRun.map((variables) => ['fixed', variables]),
      ...oneRun.map((variables) => ['yours', variables]),
    ]);
    expect(new Set(sent.map((request) => request.headers.get('traceparent'))).size).toBe(sent.length);
  });

  it("federation-waterfall: yours sends the attendee's operation (workshop/federation-waterfall.graphql) with the fixed twin's variables", async () => {
    const waterfall = catalogEntry('federation-waterfall');
    const gateway = fakeGateway((_body, headers) => ({
      data: { game: { id: 'slots-fruit' } },
      extensions: {
        perf: {
          traceId: modeOf(headers, 'federation-waterfall') === 'yours' ? YOURS_TRACE : FIXED_TRACE,
          totalMs: 40,
          subgraphs: {},
          plan: { fetches: 3, sequentialDepth: modeOf(headers, 'federation-waterfall') === 'yours' ? 3 : 2 },
        },
      },
    }));
    renderInPanel(<ScenarioCard scenario={waterfall} catalogNames={NAMES} />, { config: NO_SPOTLIGHT, fetchImpl: gateway.fetchImpl });
    const result = await runYours();
    const fixed = operationFor(waterfall, 'fixed');
    expect(graphqlRequests(gateway.requests).map(({ body }) => [operationName(body.query), body.variables])).toEqual([
      [operationName(fixed.operation), fixed.variables],
      [operationName(attendeeFile), fixed.variables],
    ]);
    expect(within(result).getByRole('listitem', { name: 'query plan sequential steps' })).toHaveTextContent(
      'FAIL query plan sequential steps: 3 (fixed twin: 2; allowed: at most 2)',
    );
  });

  it('offers no Run yours for a scenario the workshop has no exercise for', () => {
    renderInPanel(<ScenarioCard scenario={{ ...N_PLUS_ONE, name: 'not-an-exercise' }} catalogNames={NAMES} />);
    expect(screen.getByRole('button', { name: 'Run fixed' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Run yours' })).toBeNull();
  });
});

function transaction(service: string, spans: Record<string, unknown>[]) {
  const root = { trace_id: YOURS_TRACE, span_id: `${service}-root`.padEnd(16, '0'), parent_span_id: 'ffffffffffffffff', op: 'http.server' };
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

/** A `graphql.execute` span in users with one SELECT of players, then `count` SELECTs of rounds, one per player. */
function nPlusOneSpans(count: number) {
  const span = (id: string, parent: string, description: string, start: number) => ({
    trace_id: YOURS_TRACE,
    span_id: id,
    parent_span_id: parent,
    op: 'db',
    description,
    start_timestamp: start,
    timestamp: start + 0.01,
  });
  const execute = { ...span('e'.repeat(16), 'users-root'.padEnd(16, '0'), '', 0), op: 'graphql.execute', timestamp: 1 };
  return [
    execute,
    span('s'.repeat(16), execute.span_id, 'select id from players limit $1', 0.01),
    ...Array.from({ length: count }, (_, index) =>
      span(String(index).padStart(16, '1'), execute.span_id, 'select * from rounds where player_id = $1', 0.03 + index * 0.02),
    ),
  ];
}
