/**
 * The debug panel in a real browser (Debian's Chromium through playwright-core) against the
 * running stack: every catalog scenario has a card; each runs slow and fixed with its cost; one
 * trace goes from the click through the gateway into the subgraphs; the verdict matches Sentry's
 * detectors; compare draws both distributions; the page is accessible and talks only to local hosts.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { REPO_ROOT } from '@trace-arcade/stack';
import type { SentryTransaction, SignalKind } from '@trace-arcade/trace-detectors';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startPanelStack, type PanelStack } from './panel-stack.js';
import { spotlightServices, spotlightTransactions } from './spotlight-reader.js';

const ARTIFACTS = path.join(REPO_ROOT, 'e2e', 'artifacts');
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

let panel: PanelStack;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const requestedHosts = new Set<string>();
let catalog: {
  name: string;
  title: string;
  services: string[];
  sentry: { signals: SignalKind[] };
  unit?: { requests: number; concurrency: number };
}[];

before(async () => {
  // Real third-party latency, so a slow payment crosses Sentry's Consecutive HTTP thresholds.
  panel = await startPanelStack({ PAYMENT_LATENCY_MS: '600' });
  catalog = ((await (await fetch(`${panel.stack.gatewayUrl}/scenarios`)).json()) as { scenarios: typeof catalog }).scenarios;
  browser = await launchBrowser();
  browser.context.on('request', (request) => requestedHosts.add(new URL(request.url()).hostname));
  page = await browser.context.newPage();
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await panel?.stop();
});

function card(name: string): Locator {
  return page.locator(`section[data-scenario="${name}"]`);
}

/** Clicks a run button and returns the result, the trace id the browser sent and the gateway's answer. */
async function run(name: string, button: string) {
  const gatewayRequest = page.waitForRequest((request) => request.url().endsWith('/graphql') && request.method() === 'POST');
  const gatewayResponse = page.waitForResponse((response) => response.url().endsWith('/graphql') && response.request().method() === 'POST');
  await card(name).getByRole('button', { name: button, exact: true }).click();
  const request = await gatewayRequest;
  const body = (await (await gatewayResponse).json()) as { extensions: { perf: { traceId: string; totalMs: number } } };
  const result = card(name)
    .getByRole('article', { name: `${button} result` })
    .first();
  await result.waitFor({ timeout: 30_000 });
  await card(name).getByRole('button', { name: button, exact: true }).isEnabled();
  const sentTrace = (await request.allHeaders())['sentry-trace']?.split('-')[0];
  const sent = request.postDataJSON() as { query: string };
  return { result, sentTrace, perf: body.extensions.perf, baggage: (await request.allHeaders())['baggage'], query: sent.query };
}

async function verdictOf(result: Locator): Promise<string> {
  const verdict = result.getByTestId('verdict');
  await verdict.filter({ hasNotText: 'waiting' }).waitFor({ timeout: 60_000 });
  return (await verdict.textContent()) ?? '';
}

/** The number of findings the run's verdict lists (`data-findings`), once the trace has been judged. */
async function findingsOf(result: Locator): Promise<number> {
  const verdict = result.locator('[data-testid="verdict"][data-findings]');
  await verdict.waitFor({ timeout: 60_000 });
  return Number(await verdict.getAttribute('data-findings'));
}

test('every scenario of the catalog has a card, and the header strip shows the stack', async () => {
  await page.goto(panel.panelUrl);
  for (const scenario of catalog) {
    await page.getByRole('heading', { name: scenario.title }).waitFor({ timeout: 30_000 });
  }
  assert.equal(await page.locator('section[data-scenario]').count(), catalog.length);
  await page
    .getByTestId('stack-health')
    .filter({ hasText: /^ready$/ })
    .waitFor({ timeout: 15_000 });
  const mongo = await page.getByTestId('mongo-server').textContent();
  if (process.env['TEST_MONGO_SOURCE'] === 'standin') assert.match(mongo ?? '', /stand-in/);
  assert.match((await page.getByTestId('trace-destination').textContent()) ?? '', /Spotlight/);
});

test('n-plus-one: slow and fixed show their cost, fixed runs fewer SQL statements, one trace from the click down', async () => {
  const slow = await run('n-plus-one', 'Run slow');
  const fixed = await run('n-plus-one', 'Run fixed');
  const sql = async (result: Locator) => Number(await result.getByTestId('sql-statements').textContent());
  assert.ok((await sql(fixed.result)) < (await sql(slow.result)), 'fixed runs fewer SQL statements');
  assert.ok((await sql(fixed.result)) <= 3);
  for (const { result, sentTrace, perf, baggage } of [slow, fixed]) {
    assert.match(sentTrace ?? '', /^[0-9a-f]{32}$/, 'the browser sent sentry-trace to the gateway');
    assert.match(baggage ?? '', /sentry-trace_id=/);
    assert.equal(perf.traceId, sentTrace, 'the gateway continued the browser trace');
    assert.equal(await result.getByTestId('trace-id').textContent(), sentTrace, 'the panel shows that trace');
    assert.match((await result.getByTestId('total-ms').textContent()) ?? '', /\d ms$/);
    const link = result.getByRole('link', { name: 'open in Spotlight' });
    assert.equal(await link.getAttribute('href'), `${panel.spotlightUrl}/telemetry/traces/${sentTrace}`);
    const services = await spotlightServices(panel.spotlightUrl, sentTrace!, 20_000, ['gateway', 'users', 'game']);
    assert.deepEqual([...services].sort(), ['game', 'gateway', 'users'], 'gateway and subgraph transactions carry the trace');
    // The click itself is the root: the browser's transaction, whose span is the gateway request's parent.
    const transactions = await spotlightTransactions(
      panel.spotlightUrl,
      sentTrace!,
      (found) => found.some((t) => t.contexts.trace.op === 'ui.action.click') && found.some((t) => t.server_name === 'gateway'),
      20_000,
    );
    const click = transactions.find((t) => t.contexts.trace.op === 'ui.action.click');
    assert.ok(click, 'the browser sent the click as a transaction');
    assert.equal(click.contexts.trace.parent_span_id, undefined, 'the click starts the trace');
    const gateway = transactions.find((t) => t.server_name === 'gateway')!;
    const clickSpans = new Set([click.contexts.trace.span_id, ...click.spans.map((span) => span.span_id)]);
    assert.ok(clickSpans.has(gateway.contexts.trace.parent_span_id!), "the gateway's transaction hangs under the click");
  }
  assert.match(await verdictOf(slow.result), /N\+1 Query: \d+ repeated statements in users/);
  assert.match(await verdictOf(slow.result), /In Sentry: Issues → N\+1 Query/);
  assert.equal(await findingsOf(fixed.result), 0);
});

test("Spotlight's trace page for a click has the click as its root, and no orphan row", async () => {
  const { sentTrace } = await run('n-plus-one', 'Run fixed');
  const spotlight = await browser.context.newPage();
  try {
    await spotlight.goto(`${panel.spotlightUrl}/telemetry/traces/${sentTrace}`);
    await spotlight.getByText('ui.action.click').first().waitFor({ timeout: 30_000 });
    await spotlight.getByText('http.server').first().waitFor({ timeout: 30_000 });
    const text = await spotlight.locator('body').innerText();
    assert.doesNotMatch(text, /orphan|missing or unknown parent/, 'no orphan row above the gateway');
    // The first span of the tree (in reading order) is the click, above the gateway's http.server.
    const firstOp = /ui\.action\.click|http\.server|orphan/.exec(text)?.[0];
    assert.equal(firstOp, 'ui.action.click', 'the root row is the click');
    await spotlight.screenshot({ path: path.join(ARTIFACTS, 'spotlight-click-trace.png') });
  } finally {
    await spotlight.close();
  }
});

test('payment-latency: slow is flagged as Consecutive HTTP, fixed is not', async () => {
  const slow = await run('payment-latency', 'Run slow');
  const fixed = await run('payment-latency', 'Run fixed');
  assert.match(await verdictOf(slow.result), /Consecutive HTTP: 5 calls, [\d.]+ s saveable in game/);
  assert.equal(await findingsOf(fixed.result), 0);
});

test('every scenario runs slow and fixed: every slow twin shows at least one finding, every fixed twin none', async () => {
  const counts: string[] = [];
  for (const scenario of catalog) {
    for (const button of ['Run slow', 'Run fixed']) {
      const { result, perf } = await run(scenario.name, button);
      assert.equal(await result.getByRole('alert').count(), 0, `${scenario.name} ${button} answered without an error`);
      assert.ok(perf.totalMs > 0);
      assert.match((await result.getByTestId('wall-ms').textContent()) ?? '', /\d ms$/);
      const findings = await findingsOf(result);
      if (scenario.unit) {
        const isGateway = (t: SentryTransaction) => t.server_name === 'gateway';
        const { requests } = scenario.unit;
        const found = await spotlightTransactions(panel.spotlightUrl, perf.traceId, (t) => t.filter(isGateway).length >= requests, 20_000);
        // At least: a request the browser's SDK sends meanwhile (it propagates the click's trace) may join it.
        const inTrace = found.filter(isGateway).length;
        assert.ok(inTrace >= requests, `every request of ${scenario.name}'s unit is in the click's trace: ${inTrace} of ${requests}`);
      }
      counts.push(`${scenario.name} ${button}: ${findings}`);
      if (button === 'Run fixed') assert.equal(findings, 0, `${scenario.name} fixed shows no finding`);
      else {
        const verdict = await result.locator('[data-testid="verdict"]').textContent();
        assert.ok(findings >= 1, `${scenario.name} slow shows at least one finding; got ${findings}: ${verdict}`);
      }
    }
  }
  console.log(`findings per run: ${counts.join('; ')}`);
});

test("federation-waterfall: each button sends its mode's own operation, and the result shows the plan's sequential fetches", async () => {
  const slow = await run('federation-waterfall', 'Run slow');
  const fixed = await run('federation-waterfall', 'Run fixed');
  assert.match(slow.query, /query FederationWaterfallSlow\b/);
  assert.match(fixed.query, /query FederationWaterfallFixed\b/);
  assert.equal(await slow.result.getByTestId('plan-depth').textContent(), '3 of 3');
  assert.equal(await fixed.result.getByTestId('plan-depth').textContent(), '2 of 3');
});

test("Run yours judges the attendee's untouched file (the slow twin's copy) against the fixed twin, with Sentry's finding", async () => {
  const cpuRng = card('cpu-rng');
  await cpuRng.getByRole('button', { name: 'Run yours', exact: true }).click();
  const result = cpuRng.getByRole('article', { name: 'Your version result' });
  await result.getByRole('heading', { name: /^Your version: / }).waitFor({ timeout: 90_000 });
  assert.match((await result.getByRole('heading').textContent()) ?? '', /^Your version: failed \(2 of 3 checks\)$/);
  const stall = result.getByRole('listitem', { name: 'longest event-loop stall (ms)' });
  assert.equal(await stall.getAttribute('data-status'), 'failed');
  assert.match((await stall.textContent()) ?? '', /allowed: at most 200/);
  const sentry = result.getByRole('listitem', { name: 'nothing for Sentry to find' });
  assert.equal(await sentry.getAttribute('data-status'), 'failed', (await sentry.textContent()) ?? '');
  assert.equal(
    await result.getByRole('listitem', { name: 'same shape of answer as the fixed twin' }).getAttribute('data-status'),
    'passed',
  );
});

test("compare shows both distributions, the median ratio, the counts and the scenario's dashboard slow beside fixed", async () => {
  const nPlusOne = card('n-plus-one');
  await nPlusOne.getByLabel('Runs per mode').fill('2');
  await nPlusOne.getByRole('button', { name: 'Compare' }).click();
  const compare = nPlusOne.getByRole('region', { name: 'Compare result' });
  await compare.getByText('Compare: 4 of 4 runs').waitFor({ timeout: 60_000 });
  await compare.getByTestId('median-ratio').waitFor();
  assert.equal(await compare.locator('svg circle').count(), 4, 'one dot per run');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(ARTIFACTS, 'panel-1280.png'), fullPage: false });

  // The scenario's Sentry dashboard, evaluated on the runs' traces in Spotlight: slow beside fixed.
  const dashboard = compare.getByTestId('dashboard');
  const widgets = dashboard.getByTestId('dashboard-widgets');
  await widgets.waitFor({ timeout: 90_000 }).catch(async (error: unknown) => {
    throw new Error(`the dashboard's widgets did not appear: ${await dashboard.textContent()}`, { cause: error });
  });
  const cells = await widgets
    .getByRole('row', { name: /^SQL statements\b/ })
    .first()
    .getByRole('cell')
    .allTextContents();
  const [slowStatements, fixedStatements] = cells.map((cell) => Number(cell.replaceAll(',', '')));
  assert.ok(slowStatements! >= 3 * fixedStatements! && fixedStatements! > 0, `SQL statements: slow ${cells[0]}, fixed ${cells[1]}`);
  assert.match((await dashboard.getByTestId('dashboard-alerts').textContent()) ?? '', /fixed: no alert would fire/);
  await dashboard.scrollIntoViewIfNeeded();
  await dashboard.screenshot({ path: path.join(ARTIFACTS, 'dashboard-n-plus-one.png') });
});

test('no serious or critical accessibility violations, at 1280 and 768 px', async () => {
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    assert.deepEqual(
      serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
      [],
    );
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(overflow <= 0, `no horizontal scrolling at ${width} px; overflow ${overflow} px`);
    await page.screenshot({ path: path.join(ARTIFACTS, `panel-${width}-full.png`), fullPage: true });
  }
});

test('the page makes no request to any host but the local ones', () => {
  assert.ok(requestedHosts.size > 0);
  assert.deepEqual(
    [...requestedHosts].filter((host) => !LOCAL_HOSTS.has(host)),
    [],
  );
});
