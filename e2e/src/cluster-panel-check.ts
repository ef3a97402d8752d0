/**
 * The panel's browser check against a running cluster (the kind workflow runs it through port-
 * forwards): a real browser opens the panel, every scenario has its card, the stack strip says
 * ready, and n-plus-one's slow and fixed buttons run through the gateway, with fewer SQL statements
 * for fixed and the click's trace reaching Spotlight from the gateway and the subgraphs.
 *
 *   PANEL_URL=http://localhost:5173 SPOTLIGHT_URL=http://localhost:8969 node e2e/dist/cluster-panel-check.js
 */
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { spotlightServices } from './spotlight-reader.js';

class CheckError extends Error {
  constructor(
    readonly code: 'BAD_CONFIG' | 'CHECK_FAILED',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

function urlVariable(name: string): string {
  const text = process.env[name];
  if (!text) throw new CheckError('BAD_CONFIG', `${name}: expected an http(s) URL; found nothing`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CheckError('BAD_CONFIG', `${name}: expected an http(s) URL; got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CheckError('BAD_CONFIG', `${name}: expected http or https; got ${text}`);
  return text.replace(/\/$/, '');
}

const config = Object.freeze({ panelUrl: urlVariable('PANEL_URL'), spotlightUrl: urlVariable('SPOTLIGHT_URL') });

/** Clicks one of n-plus-one's run buttons and returns the SQL statements its result shows and the trace id. */
async function run(page: Page, button: string): Promise<{ sql: number; traceId: string }> {
  const card = page.locator('section[data-scenario="n-plus-one"]');
  await card.getByRole('button', { name: button, exact: true }).click();
  const result = card.getByRole('article', { name: `${button} result` }).first();
  await result.waitFor({ timeout: 60_000 });
  const sql = Number(await result.getByTestId('sql-statements').textContent());
  const traceId = (await result.getByTestId('trace-id').textContent()) ?? '';
  if (!/^[0-9a-f]{32}$/.test(traceId))
    throw new CheckError('CHECK_FAILED', `${button}: expected a trace id on the result; got ${JSON.stringify(traceId)}`);
  return { sql, traceId };
}

const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.goto(config.panelUrl);
  await page.locator('section[data-scenario]').first().waitFor({ timeout: 60_000 });
  const cards = await page.locator('section[data-scenario]').count();
  await page
    .getByTestId('stack-health')
    .filter({ hasText: /^ready$/ })
    .waitFor({ timeout: 60_000 });
  const slow = await run(page, 'Run slow');
  const fixed = await run(page, 'Run fixed');
  if (!(fixed.sql < slow.sql))
    throw new CheckError('CHECK_FAILED', `n-plus-one: expected fewer SQL statements for fixed; got slow ${slow.sql}, fixed ${fixed.sql}`);
  const services = await spotlightServices(config.spotlightUrl, slow.traceId, 60_000, ['gateway', 'users', 'game']);
  if (!['gateway', 'users', 'game'].every((service) => services.has(service)))
    throw new CheckError(
      'CHECK_FAILED',
      `trace ${slow.traceId}: expected gateway, users and game in Spotlight; got ${[...services].join(', ') || 'none'}`,
    );
  console.log(
    JSON.stringify({ cards, slowSql: slow.sql, fixedSql: fixed.sql, trace: slow.traceId, spotlight: [...services].sort() }),
    'the panel works against the cluster',
  );
} finally {
  await browser.close();
}
