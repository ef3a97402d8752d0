/**
 * A second `npm start` (stack/dist/start.js) on the same data folder: the data set the first start
 * seeded is found, in PostgreSQL and in the MongoDB stand-in's data file (MONGO_STANDIN_PERSIST=true),
 * and not seeded again; the
 * banner says so, and the players' analytics (MongoDB) answer as before.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { freePort, freeStackPorts, REPO_ROOT, type StackPorts } from '@trace-arcade/stack';

const hasJava = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

async function startOnce(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['stack/dist/start.js'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const output = () => chunks.join('');
  const deadline = Date.now() + 120_000;
  while (!output().includes('Trace Arcade is ready') && Date.now() < deadline && child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.match(output(), /Trace Arcade is ready/, output().slice(-2000));
  return { child, output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGINT');
  await once(child, 'exit');
}

interface PlayersMetrics {
  players: { id: string; metrics: { roundsPlayed: number; wageredCents: number } }[];
}

async function metrics(gatewayPort: number): Promise<PlayersMetrics> {
  const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ players(first: 3) { id metrics { roundsPlayed wageredCents } } }' }),
  });
  const body = (await response.json()) as { data: PlayersMetrics; errors?: unknown };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

/** start.js's environment: PostgreSQL from the test runner, the stand-in on a port of its own, data in `dataDir`. */
async function startEnvironment(dataDir: string, ports: StackPorts, persist: boolean): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['MONGO_URL'];
  return Object.assign(env, {
    DATABASE_URL: process.env['TEST_POSTGRES_URL'],
    MONGO_SERVER: 'standin',
    MONGO_STANDIN_PERSIST: String(persist),
    MONGO_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    GATEWAY_PORT: String(ports.gateway),
    USERS_PORT: String(ports.users),
    GAME_PORT: String(ports.game),
    ANALYTICS_PORT: String(ports.analytics),
    PAYMENT_PROVIDER_PORT: String(ports.paymentProvider),
    WEB_PORT: String(await freePort()),
    SPOTLIGHT: 'false',
    SEED_PLAYERS: '30',
    SEED_ROUNDS: '1000',
    LOG_LEVEL: 'warn',
  });
}

test(
  'a second npm start finds the seeded data (PostgreSQL and the stand-in) and skips seeding',
  { skip: !hasJava && 'needs Java' },
  async () => {
    const ports = await freeStackPorts();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-again-'));
    const env = await startEnvironment(dataDir, ports, true);
    let running: ChildProcess | undefined;
    try {
      const first = await startOnce(env);
      running = first.child;
      assert.match(first.output(), /seeding game, users, analytics: 30 players, 1000 rounds/);
      assert.match(first.output(), /Data\s+30 players, 1000 rounds, seeded now/);
      const before = await metrics(ports.gateway);
      await stop(first.child);

      const second = await startOnce(env);
      running = second.child;
      assert.match(second.output(), /\[stack\] seeding skipped: 30 players and 1000 rounds are already there/);
      assert.match(second.output(), /Data\s+30 players, 1000 rounds, seeded by an earlier start/);
      assert.doesNotMatch(second.output(), /seeding game|seeding users|seeding analytics|\[(users|game|analytics)\] .*seed/);
      const after = await metrics(ports.gateway);
      assert.deepEqual(after, before, 'the same players and analytics as after the first start: the stand-in kept its data');
      assert.ok(after.players.length === 3 && after.players.every((player) => player.metrics.roundsPlayed > 0), JSON.stringify(after));
    } finally {
      if (running) await stop(running);
      await rm(dataDir, { recursive: true, force: true });
    }
  },
);

test(
  'on the stand-in in memory, a second npm start keeps PostgreSQL and seeds only analytics, while the services start',
  { skip: !hasJava && 'needs Java' },
  async () => {
    const ports = await freeStackPorts();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-again-memory-'));
    const env = await startEnvironment(dataDir, ports, false);
    let running: ChildProcess | undefined;
    try {
      const first = await startOnce(env);
      running = first.child;
      const before = await metrics(ports.gateway);
      await stop(first.child);

      const second = await startOnce(env);
      running = second.child;
      assert.match(
        second.output(),
        /\[stack\] seeding analytics again while the services start: 1000 rounds \(PostgreSQL's data is kept\)/,
      );
      assert.match(second.output(), /Data\s+30 players, 1000 rounds, seeded now \([\d.]+ s\): analytics only/);
      assert.doesNotMatch(second.output(), /seeding game|seeding users|\[(users|game)\] .*seed/);
      assert.deepEqual(await metrics(ports.gateway), before, 'the analytics documents are back, the same as after the first start');
    } finally {
      if (running) await stop(running);
      await rm(dataDir, { recursive: true, force: true });
    }
  },
);
