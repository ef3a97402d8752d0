/**
 * Which hosts the Spotlight page contacts from the user's browser. The sidecar runs as `npm start`
 * runs it (stack's `spotlightProcess`); the page is opened in Chromium with every request recorded
 * and every request to a host other than the loopback aborted before it leaves the machine.
 * Spotlight's UI build initialises Sentry's browser SDK with Sentry's own DSN (its ingest host);
 * our sidecar serves that module as a no-op, so the page contacts only the sidecar.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { freePort, ProcessGroup, spotlightProcess, waitForHttpOk } from '@trace-arcade/stack';
import { launchBrowser } from './browser.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

let sidecar: ProcessGroup;
let spotlightUrl: string;
const lines: string[] = [];

before(async () => {
  const port = await freePort();
  spotlightUrl = `http://localhost:${port}`;
  sidecar = new ProcessGroup(
    (name, line) => lines.push(`[${name}] ${line}`),
    (name, code) => lines.push(`[${name}] exited with code ${code}`),
  );
  sidecar.start(spotlightProcess(port));
  await waitForHttpOk(`http://127.0.0.1:${port}/health`, 30_000).catch((error: unknown) => {
    throw new Error(`Spotlight did not start: ${(error as Error).message}\n${lines.join('\n')}`);
  });
});
after(async () => {
  await sidecar?.stopAll();
});

/** One transaction for the page to show, sent to the sidecar as a service's SDK sends it. */
async function sendTransaction(name: string): Promise<string> {
  const traceId = randomBytes(16).toString('hex');
  const now = Date.now() / 1000;
  const event = {
    type: 'transaction',
    event_id: randomBytes(16).toString('hex'),
    transaction: name,
    platform: 'node',
    start_timestamp: now - 0.2,
    timestamp: now,
    contexts: { trace: { trace_id: traceId, span_id: randomBytes(8).toString('hex'), op: 'http.server', status: 'ok' } },
    spans: [],
  };
  const envelope = [
    JSON.stringify({ event_id: event.event_id, sent_at: new Date().toISOString() }),
    JSON.stringify({ type: 'transaction' }),
    JSON.stringify(event),
  ];
  const response = await fetch(`${spotlightUrl}/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-sentry-envelope' },
    body: `${envelope.join('\n')}\n`,
  });
  assert.ok(response.ok, `the sidecar took the envelope: HTTP ${response.status}`);
  return traceId;
}

test('the Spotlight page contacts only the local sidecar: no telemetry of its own to Sentry', async () => {
  const traceId = await sendTransaction('GET /privacy-check');
  const browser = await launchBrowser();
  /** Every http(s)/ws(s) request the page made, local or not (the latter aborted before leaving). */
  const requested: URL[] = [];
  const violations: string[] = [];
  try {
    const { context } = browser;
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      requested.push(url);
      if (LOOPBACK.has(url.hostname)) await route.continue();
      else await route.abort('blockedbyclient');
    });
    // A request the page's Content-Security-Policy refuses never reaches the network, nor the route
    // above: record those attempts too.
    await context.addInitScript({
      content: `window.__violations = []; document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.blockedURI));`,
    });
    const page = await context.newPage();
    page.on('websocket', (socket) => requested.push(new URL(socket.url())));
    page.on('console', (message) => {
      if (/Refused to (connect|load)/.test(message.text())) violations.push(message.text());
    });

    await page.goto(`${spotlightUrl}/telemetry/traces`, { waitUntil: 'load' });
    await page.getByText('GET /privacy-check').first().waitFor({ timeout: 20_000 });
    await page.goto(`${spotlightUrl}/telemetry/traces/${traceId}`, { waitUntil: 'load' });
    await page.getByText('GET /privacy-check').first().waitFor({ timeout: 20_000 });
    // Sentry's browser SDK sends its page-load transaction once the page has been idle for a
    // second, and its session at once: give both time to be attempted.
    await page.waitForTimeout(4000);
    violations.push(...(await page.evaluate<string[]>('window.__violations')));

    const hosts = [...new Set(requested.filter((url) => /^(https?|wss?):$/.test(url.protocol)).map((url) => url.host))];
    const outside = hosts.filter((host) => !LOOPBACK.has(new URL(`http://${host}`).hostname));
    assert.deepEqual(outside, [], `hosts other than the loopback the page tried to contact (all: ${hosts.join(', ')})`);
    assert.deepEqual(hosts, [new URL(spotlightUrl).host], 'the page talks to its sidecar only');
    assert.deepEqual(violations, [], 'requests refused by the page’s Content-Security-Policy');
  } finally {
    await browser.close();
  }
});
