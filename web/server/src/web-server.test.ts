import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLogger, type RunningService } from '@trace-arcade/service-runtime';
import { ASSET_CACHE, CONFIG_CACHE, PAGE_CACHE } from './panel-routes.js';
import { loadPanelRuntimeConfig } from './runtime-config.js';
import { startWebServer } from './web-server.js';

const PAGE = '<!doctype html><title>Trace Arcade panel</title><script type="module" src="/assets/index-Cx1a2b3.js"></script>';
const SCRIPT = 'console.log("panel");';

const log = createLogger('web');
log.level = 'silent';

const runtimeConfig = loadPanelRuntimeConfig({
  PANEL_GATEWAY_URL: 'http://localhost:4000/',
  PANEL_SPOTLIGHT_URL: 'http://localhost:8969',
  PANEL_SENTRY_DSN: 'https://0123456789abcdef@o1.ingest.sentry.io/2',
  PANEL_SENTRY_ENVIRONMENT: 'kubernetes',
});

let staticDir: string;
let server: RunningService;
const url = (pathname: string) => `http://127.0.0.1:${server.port}${pathname}`;

before(async () => {
  staticDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-web-'));
  await mkdir(path.join(staticDir, 'assets'));
  await writeFile(path.join(staticDir, 'index.html'), PAGE);
  await writeFile(path.join(staticDir, 'assets', 'index-Cx1a2b3.js'), SCRIPT);
  await writeFile(path.join(staticDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(staticDir, '.env'), 'SECRET=1');
  server = await startWebServer({ host: '127.0.0.1', port: 0, log, staticDir, runtimeConfig });
});

after(async () => {
  await server?.stop();
  await rm(staticDir, { recursive: true, force: true });
});

test('GET /config.json answers the configuration read at start-up, never stored by the browser', async () => {
  const response = await fetch(url('/config.json'));
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(response.headers.get('cache-control'), CONFIG_CACHE);
  assert.deepEqual(await response.json(), {
    gatewayUrl: 'http://localhost:4000',
    spotlightUrl: 'http://localhost:8969',
    sentryOrgUrl: null,
    sentryDsn: 'https://0123456789abcdef@o1.ingest.sentry.io/2',
    sentryEnvironment: 'kubernetes',
  });
});

test('the page and unknown paths answer index.html, revalidated on every load', async () => {
  for (const pathname of ['/', '/index.html', '/runs/42', '/scenarios/n-plus-one?mode=slow']) {
    const response = await fetch(url(pathname));
    assert.equal(response.status, 200, pathname);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/, pathname);
    assert.equal(response.headers.get('cache-control'), PAGE_CACHE, pathname);
    assert.equal(await response.text(), PAGE, pathname);
  }
});

test('assets are cached for a year; a missing file is a 404, not the page', async () => {
  const asset = await fetch(url('/assets/index-Cx1a2b3.js'));
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type') ?? '', /javascript/);
  assert.equal(asset.headers.get('cache-control'), ASSET_CACHE);
  assert.equal(asset.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(await asset.text(), SCRIPT);

  for (const pathname of ['/assets/index-0ld.js', '/docs/scenarios/missing.md', '/.env']) {
    const missing = await fetch(url(pathname));
    assert.equal(missing.status, 404, `${pathname}: a file that is not there (or a dotfile) is a 404, not the page`);
    assert.notEqual(missing.headers.get('cache-control'), ASSET_CACHE, pathname);
  }

  const favicon = await fetch(url('/favicon.svg'));
  assert.equal(favicon.status, 200);
  assert.equal(favicon.headers.get('cache-control'), PAGE_CACHE, 'an unhashed file is revalidated');

  // fetch adds `cache-control: no-cache` to a conditional request unless it has one (the server must answer in full then).
  const revalidated = await fetch(url('/assets/index-Cx1a2b3.js'), {
    headers: { 'if-none-match': asset.headers.get('etag')!, 'cache-control': 'max-age=0' },
  });
  assert.equal(revalidated.status, 304);
});

test('nothing outside the build folder is served', async () => {
  const response = await fetch(url('/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd'));
  assert.notEqual(response.status, 200);
  assert.doesNotMatch(await response.text(), /root:/);
});

test('/health/live and /health/ready answer like every service; ready needs the build', async () => {
  const live = await fetch(url('/health/live'));
  assert.deepEqual([live.status, await live.json()], [200, { status: 'live', service: 'web' }]);
  const ready = await fetch(url('/health/ready'));
  assert.deepEqual(
    [ready.status, await ready.json()],
    [200, { status: 'ready', service: 'web', dependencies: { 'index.html': { status: 'up' } } }],
  );

  await rename(path.join(staticDir, 'index.html'), path.join(staticDir, 'index.html.moved'));
  try {
    const notReady = await fetch(url('/health/ready'));
    assert.equal(notReady.status, 503);
  } finally {
    await rename(path.join(staticDir, 'index.html.moved'), path.join(staticDir, 'index.html'));
  }
});

test('a folder without the build is refused at start-up, with the path it looked in', async () => {
  const empty = await mkdtemp(path.join(tmpdir(), 'trace-arcade-web-empty-'));
  try {
    await assert.rejects(
      startWebServer({ host: '127.0.0.1', port: 0, log, staticDir: empty, runtimeConfig }),
      new RegExp(`expected the panel's build at ${path.join(empty, 'index.html')} \\(npm run build -w web\\); found nothing`),
    );
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});

test('main.js: a configuration error prints what is wrong, without a stack trace, and exits 1', async () => {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./main.js', import.meta.url))], {
    env: { PATH: process.env['PATH'], PANEL_GATEWAY_URL: 'localhost:4000', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 1);
  assert.match(stderr, /^web: invalid configuration:\n {2}PANEL_GATEWAY_URL: expected a http or https URL; got "localhost:4000"\n$/);
});
