/**
 * The README's first command, `npm start` (stack/dist/start.js), against the test databases:
 * it becomes ready, Spotlight receives one trace per request across the gateway and the
 * subgraphs, and Ctrl-C (SIGINT) stops every process it started.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { freePort, freeStackPorts, REPO_ROOT } from '@trace-arcade/stack';
import { childrenOf, stillRunning } from './process-tree.js';
import { spotlightServices } from './spotlight-reader.js';

test('npm start: ready, one trace across services in Spotlight, and nothing left after Ctrl-C', async () => {
  const ports = await freeStackPorts();
  const spotlightPort = await freePort();
  const webPort = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-start-'));
  const output: string[] = [];
  const start = spawn(process.execPath, ['stack/dist/start.js'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: process.env['TEST_POSTGRES_URL'],
      MONGO_URL: process.env['TEST_MONGO_URL'],
      DATA_DIR: dataDir,
      GATEWAY_PORT: String(ports.gateway),
      USERS_PORT: String(ports.users),
      GAME_PORT: String(ports.game),
      ANALYTICS_PORT: String(ports.analytics),
      PAYMENT_PROVIDER_PORT: String(ports.paymentProvider),
      SPOTLIGHT_PORT: String(spotlightPort),
      WEB_PORT: String(webPort),
      SEED_PLAYERS: '30',
      SEED_ROUNDS: '1000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  start.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  start.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  try {
    const deadline = Date.now() + 90_000;
    while (!output.join('').includes('Trace Arcade is ready') && Date.now() < deadline && start.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.match(output.join(''), /Trace Arcade is ready/, output.join('').slice(-2000));
    assert.match(output.join(''), new RegExp(`Traces\\s+http://localhost:${spotlightPort}`));
    assert.match(
      output.join(''),
      new RegExp(`ready \\([\\d.]+ s\\)\\n\\s+Debug panel\\s+http://localhost:${webPort}\\n`),
      'the panel URL comes first',
    );

    const panelConfig = (await (await fetch(`http://127.0.0.1:${webPort}/config.json`)).json()) as Record<string, unknown>;
    assert.deepEqual(panelConfig, {
      gatewayUrl: `http://localhost:${ports.gateway}`,
      spotlightUrl: `http://localhost:${spotlightPort}`,
      sentryOrgUrl: null,
      sentryDsn: `http://spotlight@localhost:${spotlightPort}/0`,
      sentryEnvironment: 'local',
    });
    const panelPage = await fetch(`http://127.0.0.1:${webPort}/`);
    assert.match(await panelPage.text(), /<div id="root">/);

    const ready = await fetch(`http://127.0.0.1:${ports.gateway}/health/ready`);
    assert.equal(ready.status, 200);
    const result = (await (
      await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ players(first: 2) { id metrics { roundsPlayed } rounds(last: 1) { game { name } } } }' }),
      })
    ).json()) as { extensions: { perf: { traceId: string } } };
    const services = await spotlightServices(`http://localhost:${spotlightPort}`, result.extensions.perf.traceId, 20_000);
    assert.deepEqual([...services].sort(), ['analytics', 'game', 'gateway', 'users'], 'one trace id across the gateway and every subgraph');

    const children = childrenOf(start.pid!).map((child) => child.pid);
    assert.ok(children.length >= 7, `start runs the services, Spotlight and the panel as children; found ${children.length}`);
    start.kill('SIGINT');
    const [code] = (await once(start, 'exit')) as [number | null];
    assert.equal(code, 0);
    assert.deepEqual(stillRunning(children), [], 'no child process outlives Ctrl-C');
  } finally {
    // The stack's children run in process groups of their own: end them too if the test failed midway.
    if (start.exitCode === null) {
      for (const child of childrenOf(start.pid!)) process.kill(child.pid, 'SIGKILL');
      start.kill('SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
  }
});
