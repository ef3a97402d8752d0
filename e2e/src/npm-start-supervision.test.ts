/**
 * `npm start` supervises what it started: a service, the MongoDB stand-in or the embedded PostgreSQL
 * killed with SIGKILL is started again with a line that says so, and the stack serves again; the
 * stack never stops because one part died. Two SIGTERMs (a terminal or a process manager signalling
 * the whole group) stop it once, in order, and it says "stopped".
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { npmStartEnv, REPO_ROOT } from '@trace-arcade/stack';
import { childrenOf, stillRunning } from './process-tree.js';

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await Promise.resolve(check()).catch(() => false)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('npm start restarts a killed service, MongoDB and PostgreSQL, and stops once on repeated signals', { timeout: 300_000 }, async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-supervise-'));
  const output: string[] = [];
  const text = () => output.join('');
  const { env, ports } = await npmStartEnv({ DATA_DIR: dataDir, SPOTLIGHT: 'false', SEED_PLAYERS: '20', SEED_ROUNDS: '500' });
  const start = spawn(process.execPath, ['stack/dist/start.js'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  start.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  start.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const query = async (body: string) => {
    const response = await fetch(`${gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  };
  const answers = async (body: string) => (await query(body)).errors === undefined;
  const PLAYERS = JSON.stringify({ query: '{ players(first: 2) { id } }' });
  const METRICS = JSON.stringify({ query: '{ player(id: "1") { metrics { roundsPlayed } } }' });
  const GAMES = JSON.stringify({ query: '{ games { id } }' });
  try {
    await until('npm start ready', () => text().includes('Trace Arcade is ready') || start.exitCode !== null, 120_000);
    assert.match(text(), /Trace Arcade is ready/, text().slice(-3000));

    const kill = (find: (child: { cwd: string; command: string }) => boolean, what: string) => {
      const victim = childrenOf(start.pid!).find(find);
      assert.ok(victim, `${what} is a child of npm start: ${JSON.stringify(childrenOf(start.pid!))}`);
      process.kill(victim.pid, 'SIGKILL');
    };

    kill((child) => child.cwd.endsWith(path.join('subgraphs', 'game')), 'game');
    await until(
      'the line saying game restarts',
      () => /\[stack\] game exited unexpectedly \(signal SIGKILL\).*restarting in/.test(text()),
      5_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}:\n${text().slice(-2000)}`);
    });
    const gameBack = await until('games answered again', () => answers(GAMES), 15_000);
    assert.match(text(), /\[stack\] game started again/);

    kill((child) => child.command.includes('mongo-standin'), 'the MongoDB stand-in');
    await until('the line saying the stand-in restarts', () => /\[stack\] mongo-standin exited unexpectedly/.test(text()), 5_000);
    assert.equal(start.exitCode, null, `npm start stopped with MongoDB: ${text().slice(-2000)}`);
    assert.ok(await answers(PLAYERS), 'fields without MongoDB answer meanwhile');
    const mongoBack = await until('analytics fields answered again', () => answers(METRICS), 30_000);

    kill((child) => /\/postgres -D /.test(child.command), 'PostgreSQL');
    await until('the line saying PostgreSQL restarts', () => /PostgreSQL \(embedded\) exited unexpectedly/.test(text()), 5_000);
    const postgresBack = await until('players answered again', () => answers(PLAYERS), 30_000);
    assert.match(text(), /PostgreSQL \(embedded\) started again/);
    console.log(
      `[supervision] back after SIGKILL: game ${Math.round(gameBack)} ms, MongoDB ${Math.round(mongoBack)} ms, PostgreSQL ${Math.round(postgresBack)} ms`,
    );

    const children = childrenOf(start.pid!).map((child) => child.pid);
    const stopStarted = performance.now();
    start.kill('SIGTERM');
    start.kill('SIGTERM');
    const [code] = (await once(start, 'exit')) as [number | null];
    const stopMs = performance.now() - stopStarted;
    assert.equal(code, 0, text().slice(-2000));
    assert.match(text(), /\[stack\] stopped\n/);
    assert.equal(text().match(/\[stack\] stopping/g)?.length, 1, 'one shutdown for two signals');
    assert.ok(stopMs < 20_000, `stopped in ${Math.round(stopMs)} ms`);
    assert.deepEqual(stillRunning(children), [], 'no child process outlives the stop');
  } finally {
    // The stack's children run in process groups of their own: end them too if the test failed midway.
    if (start.exitCode === null) {
      for (const child of childrenOf(start.pid!)) process.kill(child.pid, 'SIGKILL');
      start.kill('SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
  }
});
