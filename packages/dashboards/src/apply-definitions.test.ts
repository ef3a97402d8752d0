import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { applyDefinitions, DefinitionWriteError, UnknownProjectError } from './apply-definitions.js';
import { ALL_DEFINITIONS, N_PLUS_ONE_DASHBOARD, POOL_ALERT, SLOW_GATEWAY_ALERT, writeDefinitions } from './definitions-fixture.js';
import { FakeSentry } from './fake-sentry-server.js';
import { DefinitionError, loadDefinitions, type Definition } from './load-definitions.js';
import { SentryApiClient } from './sentry-api-client.js';

const TIMEOUT = { timeout: 10_000 };
const PROJECT = 'trace-arcade';

const fixture = writeDefinitions(ALL_DEFINITIONS);
const definitions = loadDefinitions(fixture.dir);
after(() => fixture.remove());

function clientFor(sentry: FakeSentry, token = sentry.token): SentryApiClient {
  return new SentryApiClient({ baseUrl: new URL(sentry.url), token, org: sentry.org, timeoutMs: 5000 });
}

async function apply(sentry: FakeSentry, options: { dryRun?: boolean; defs?: readonly Definition[] } = {}) {
  const lines: string[] = [];
  const applied = await applyDefinitions(options.defs ?? definitions, clientFor(sentry), {
    project: PROJECT,
    dryRun: options.dryRun ?? false,
    report: (line) => lines.push(line),
  });
  return { lines, applied };
}

describe('against an organization that keeps state like Sentry', () => {
  let sentry: FakeSentry;
  before(async () => {
    sentry = await new FakeSentry({ projects: [PROJECT, 'other'] }).start();
  });
  after(() => sentry.stop());
  beforeEach(() => {
    sentry.dashboards.clear();
    sentry.alertRules.clear();
    sentry.requests.length = 0;
  });

  test(
    'a first apply creates every dashboard and rule with POST, the definitions as bodies and the project added to rules',
    TIMEOUT,
    async () => {
      const { lines } = await apply(sentry);

      assert.deepEqual(
        sentry.writes().map((request) => `${request.method} ${request.path}`),
        [
          'POST /api/0/organizations/acme/dashboards/',
          'POST /api/0/organizations/acme/dashboards/',
          'POST /api/0/organizations/acme/alert-rules/',
          'POST /api/0/organizations/acme/alert-rules/',
        ],
      );
      for (const request of sentry.requests) assert.equal(request.authorization, 'Bearer test-token', `${request.method} ${request.path}`);
      const [pool, nPlusOne, poolAlert, slowAlert] = sentry.writes().map((request) => request.body);
      // Files are read in name order: connection-pool.json before n-plus-one.json.
      assert.deepEqual(nPlusOne, N_PLUS_ONE_DASHBOARD);
      assert.equal((pool as { title: string }).title, 'Connection pool');
      assert.deepEqual(poolAlert, { ...POOL_ALERT, projects: [PROJECT] });
      assert.deepEqual(slowAlert, { ...SLOW_GATEWAY_ALERT, projects: [PROJECT] });

      const ids = new Map(
        [...sentry.dashboards.values(), ...sentry.alertRules.values()].map((item) => [item['title'] ?? item['name'], item.id]),
      );
      assert.deepEqual(lines, [
        `created dashboard "Connection pool" (id ${ids.get('Connection pool')})`,
        `created dashboard "N+1 queries" (id ${ids.get('N+1 queries')})`,
        `created alert rule "Pool wait above 200 ms" (id ${ids.get('Pool wait above 200 ms')})`,
        `created alert rule "Gateway p95 above 1 s" (id ${ids.get('Gateway p95 above 1 s')})`,
      ]);
    },
  );

  test('a second apply updates each one in place with PUT and creates nothing', TIMEOUT, async () => {
    await apply(sentry);
    const dashboardIds = [...sentry.dashboards.keys()];
    const ruleIds = [...sentry.alertRules.keys()];
    sentry.requests.length = 0;

    const { lines } = await apply(sentry);

    assert.deepEqual(
      sentry.writes().map((request) => request.method),
      ['PUT', 'PUT', 'PUT', 'PUT'],
    );
    assert.deepEqual(
      sentry.writes().map((request) => request.path),
      [
        ...dashboardIds.map((id) => `/api/0/organizations/acme/dashboards/${id}/`),
        ...ruleIds.map((id) => `/api/0/organizations/acme/alert-rules/${id}/`),
      ],
    );
    assert.deepEqual([...sentry.dashboards.keys()], dashboardIds);
    assert.deepEqual([...sentry.alertRules.keys()], ruleIds);
    assert.deepEqual(
      [...sentry.dashboards.values()].map((dashboard) => dashboard.title),
      ['Connection pool', 'N+1 queries'],
      'no "… copy" dashboard',
    );
    assert.ok(
      lines.every((line) => line.startsWith('updated ')),
      lines.join('\n'),
    );
  });

  test('a dashboard made by hand with the same title is updated, its widgets replaced by the definition’s', TIMEOUT, async () => {
    const existing = sentry.addDashboard('N+1 queries', [{ title: 'Old widget', displayType: 'table' }]);
    sentry.addDashboard('Someone else’s dashboard');

    const { lines } = await apply(sentry);

    assert.equal(sentry.dashboards.size, 3);
    const updated = sentry.dashboards.get(existing.id)!;
    assert.deepEqual(
      updated.widgets.map((widget) => widget['title']),
      N_PLUS_ONE_DASHBOARD.widgets.map((widget) => widget.title),
    );
    assert.ok(lines.includes(`updated dashboard "N+1 queries" (id ${existing.id})`), lines.join('\n'));
    const list = sentry.requests.find((request) => request.path === '/api/0/organizations/acme/dashboards/' && request.method === 'GET');
    assert.equal(list?.query.get('filter'), 'excludePrebuilt', 'the prebuilt "General" dashboard is left out of the match');
  });

  test('every page of the lists is read (Link rel="next" with results="true")', TIMEOUT, async () => {
    const paged = await new FakeSentry({ projects: [PROJECT], pageSize: 2 }).start();
    try {
      for (const title of ['A', 'B', 'C', 'D']) paged.addDashboard(title);
      const target = paged.addDashboard('N+1 queries');
      for (const name of ['r1', 'r2']) paged.addAlertRule(name, [PROJECT]);
      const rule = paged.addAlertRule(POOL_ALERT.name, [PROJECT]);

      const { lines } = await apply(paged);

      const listCursors = paged.requests
        .filter((request) => request.method === 'GET' && request.path.endsWith('/dashboards/'))
        .map((request) => request.query.get('cursor'));
      assert.deepEqual(listCursors, [null, '0:2:0', '0:4:0']);
      assert.ok(lines.includes(`updated dashboard "N+1 queries" (id ${target.id})`), lines.join('\n'));
      assert.ok(lines.includes(`updated alert rule "${POOL_ALERT.name}" (id ${rule.id})`), lines.join('\n'));
      assert.equal(paged.dashboards.size, 6, 'four others, the updated one and the created "Connection pool"');
    } finally {
      await paged.stop();
    }
  });

  test('a dry run sends no POST or PUT and prints the request each definition would get', TIMEOUT, async () => {
    const existing = sentry.addDashboard('N+1 queries');

    const { lines, applied } = await apply(sentry, { dryRun: true });

    assert.deepEqual(sentry.writes(), []);
    assert.ok(sentry.requests.length > 0, 'it reads what exists to plan');
    assert.equal(applied.length, 4);
    assert.deepEqual(lines, [
      'would create dashboard "Connection pool": POST /api/0/organizations/acme/dashboards/ with title "Connection pool", 1 widget',
      `would update dashboard "N+1 queries" (id ${existing.id}): PUT /api/0/organizations/acme/dashboards/${existing.id}/ with title "N+1 queries", 2 widgets`,
      'would create alert rule "Pool wait above 200 ms": POST /api/0/organizations/acme/alert-rules/ with name "Pool wait above 200 ms", events_analytics_platform p95(span.duration) over 10 min, 2 triggers, projects ["trace-arcade"]',
      'would create alert rule "Gateway p95 above 1 s": POST /api/0/organizations/acme/alert-rules/ with name "Gateway p95 above 1 s", events_analytics_platform p95(span.duration) over 5 min, 1 trigger, projects ["trace-arcade"]',
    ]);
  });

  test('alert rules are matched within the project only: a rule of that name in another project is left alone', TIMEOUT, async () => {
    const elsewhere = sentry.addAlertRule(POOL_ALERT.name, ['other'], { aggregate: 'count()' });

    await apply(sentry);

    assert.deepEqual(sentry.alertRules.get(elsewhere.id), elsewhere);
    assert.equal(
      [...sentry.alertRules.values()].filter((rule) => rule.name === POOL_ALERT.name && rule.projects.includes(PROJECT)).length,
      1,
    );
  });

  test('two rules of one name in the project: it refuses to pick one, names their ids and writes nothing', TIMEOUT, async () => {
    const first = sentry.addAlertRule(POOL_ALERT.name, [PROJECT]);
    const second = sentry.addAlertRule(POOL_ALERT.name, [PROJECT]);

    await assert.rejects(apply(sentry), (error: unknown) => {
      assert.ok(error instanceof DefinitionError);
      assert.match(
        error.message,
        new RegExp(
          `pool-wait\\.json: 2 alert rules named "${POOL_ALERT.name}" in project "trace-arcade" \\(ids ${first.id}, ${second.id}\\)`,
        ),
      );
      return true;
    });
    assert.deepEqual(sentry.writes(), []);
  });

  test('the validator seam: a definition it rejects stops the apply before any request', TIMEOUT, async () => {
    const lines: string[] = [];
    const validate = (definition: Definition) =>
      definition.kind === 'dashboard' && definition.name === 'N+1 queries' ? ['widget 1: bad query'] : [];

    await assert.rejects(
      applyDefinitions(definitions, clientFor(sentry), { project: PROJECT, dryRun: false, report: (line) => lines.push(line), validate }),
      /1 invalid definition: .*n-plus-one\.json: widget 1: bad query/,
    );
    assert.deepEqual(sentry.requests, []);
    assert.deepEqual(lines, []);
  });

  test("Sentry's 400 on one definition names the file and Sentry's detail, and stops there", TIMEOUT, async () => {
    sentry.intercept = (request) =>
      request.method === 'POST' && request.path.endsWith('/alert-rules/')
        ? { status: 400, body: { aggregate: ['Invalid Metric: p95(span.duration)'] } }
        : undefined;
    try {
      const lines: string[] = [];
      await assert.rejects(
        applyDefinitions(definitions, clientFor(sentry), { project: PROJECT, dryRun: false, report: (line) => lines.push(line) }),
        (error: unknown) => {
          assert.ok(error instanceof DefinitionWriteError);
          assert.equal(error.cause.status, 400);
          assert.match(
            error.message,
            /pool-wait\.json: create alert rule "Pool wait above 200 ms": POST \/api\/0\/organizations\/acme\/alert-rules\/ answered 400: aggregate: Invalid Metric/,
          );
          return true;
        },
      );
      assert.equal(lines.length, 2, 'the two dashboards were applied before it');
      assert.equal(sentry.writes().length, 3, 'the rule after it was not sent');
    } finally {
      sentry.intercept = undefined;
    }
  });

  test('an unknown project fails before anything is listed or written', TIMEOUT, async () => {
    await assert.rejects(
      applyDefinitions(definitions, clientFor(sentry), { project: 'nope', dryRun: false, report: () => {} }),
      (error: unknown) =>
        error instanceof UnknownProjectError && /SENTRY_PROJECT=nope: expected a project of organization "acme"/.test(error.message),
    );
    assert.deepEqual(
      sentry.requests.map((request) => `${request.method} ${request.path}`),
      ['GET /api/0/projects/acme/nope/'],
    );
  });
});
