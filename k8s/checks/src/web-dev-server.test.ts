/**
 * The panel's dev image (`skaffold dev`) runs the Vite dev server with web/vite.config.ts. Started
 * here with the environment the chart gives it under devSync, it must answer its probes with a real
 * health handler (not the page) and accept the in-cluster Host names `helm test` and other pods use.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createServer, type ViteDevServer } from 'vite';
import { findHelm, Helm } from './helm.js';
import { parseManifests } from './manifests.js';
import { repoPath } from './repo.js';
import { workloads } from './workloads.js';

/** The port the dev server bound (a free one, found in `before`). */
let port = 0;

function get(path: string, host: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${path}: no answer within 10 s`)));
    req.on('error', reject);
    req.end();
  });
}

let server: ViteDevServer | undefined;
let allowedHosts: string[] = [];
const helmBin = findHelm();

before(async () => {
  if (!helmBin) return;
  const objects = parseManifests(
    new Helm(helmBin).template({ name: 'skaffold dev', set: { 'devSync.enabled': 'true', 'ingress.enabled': 'true' } }),
  );
  const web = workloads(objects).find((workload) => workload.component === 'web');
  assert.ok(web, 'the web Deployment');
  for (const variable of web.spec.containers[0]!.env ?? []) if (variable.value !== undefined) process.env[variable.name] = variable.value;
  allowedHosts = (process.env['WEB_ALLOWED_HOSTS'] ?? '').split(',');
  process.env['WEB_PORT'] = String(await freePort());
  process.env['WEB_HOST'] = '127.0.0.1';
  server = await createServer({
    configFile: repoPath('web', 'vite.config.ts'),
    root: repoPath('web'),
    logLevel: 'error',
    clearScreen: false,
  });
  await server.listen();
  port = (server.httpServer!.address() as AddressInfo).port;
});

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const probe = createNetServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

after(async () => {
  await server?.close();
});

test('the chart tells the dev server its Service names and the ingress host', { timeout: 60_000 }, (t) => {
  if (!helmBin) return t.skip('helm not found: k8s/checks/install-helm.sh');
  assert.deepEqual(allowedHosts, [
    'trace-arcade-web',
    'trace-arcade-web.trace-arcade.svc',
    'trace-arcade-web.trace-arcade.svc.cluster.local',
    'panel.trace-arcade.localhost',
  ]);
});

test(
  'the dev server answers /health/live and /health/ready with JSON of its own, under each in-cluster host name',
  { timeout: 60_000 },
  async (t) => {
    if (!helmBin) return t.skip('helm not found: k8s/checks/install-helm.sh');
    for (const host of allowedHosts) {
      const live = await get('/health/live', host);
      assert.equal(live.status, 200, `${host}: /health/live ${live.status} ${live.body.slice(0, 120)}`);
      assert.match(live.type, /^application\/json/, `${host}: /health/live is not the page`);
      assert.deepEqual(JSON.parse(live.body), { status: 'live', service: 'web' });
      const ready = await get('/health/ready', host);
      assert.equal(ready.status, 200, `${host}: /health/ready ${ready.status} ${ready.body.slice(0, 120)}`);
      assert.equal((JSON.parse(ready.body) as { status: string }).status, 'ready');
      const config = await get('/config.json', host);
      assert.equal(config.status, 200, `${host}: /config.json`);
    }
    const page = await get('/', 'trace-arcade-web');
    assert.equal(page.status, 200);
    assert.match(page.body, /<script type="module"/, 'the page itself is still served');
    const unknown = await get('/health/live', 'attacker.example');
    assert.equal(unknown.status, 403, 'a host name nobody gave is still refused (DNS rebinding)');
  },
);
