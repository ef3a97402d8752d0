import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProcessGroup, type ProcessSpec } from './processes.js';

/** A child that prints `started` and exits with code 3 after `ms`. */
function diesAfter(name: string, ms: number): ProcessSpec {
  return {
    name,
    command: process.execPath,
    args: ['-e', `console.log('started'); setTimeout(() => process.exit(3), ${ms})`],
    cwd: process.cwd(),
    env: process.env,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a supervised child that dies is started again, each restart in a row waiting twice as long, with a line each', async () => {
  const notices: string[] = [];
  const starts: number[] = [];
  const group = new ProcessGroup(
    (_name, line) => {
      if (line === 'started') starts.push(performance.now());
    },
    () => undefined,
  );
  group.supervise({ notice: (line) => notices.push(line), firstDelayMs: 100, maxDelayMs: 400, steadyMs: 10_000 });
  group.start(diesAfter('flaky', 50));
  await sleep(2_500);
  await group.stopAll();
  assert.ok(starts.length >= 4, `started ${starts.length} times`);
  assert.match(notices[0]!, /^flaky exited unexpectedly \(code 3\) after [\d.]+ s; restarting in 0\.1 s \(restart 1 in a row\)$/);
  assert.match(notices.find((line) => line.includes('restart 2 in a row')) ?? '', /restarting in 0\.2 s/);
  assert.match(notices.find((line) => line.includes('restart 3 in a row')) ?? '', /restarting in 0\.4 s/);
  assert.match(notices.find((line) => line.includes('restart 4 in a row')) ?? '', /restarting in 0\.4 s/, 'capped at maxDelayMs');
  assert.ok(notices.includes('flaky started again'));
  const countAfterStop = starts.length;
  await sleep(600);
  assert.equal(starts.length, countAfterStop, 'nothing starts after stopAll');
});

test('before supervise, and after stopSupervising or stop(name), a child that exits stays down and is reported', async () => {
  const exits: string[] = [];
  const group = new ProcessGroup(
    () => undefined,
    (name, code) => exits.push(`${name}:${code}`),
  );
  group.start(diesAfter('early', 10));
  await sleep(700);
  assert.deepEqual(exits, ['early:3']);
  assert.throws(() => group.signal('early', 'SIGTERM'), /no running process called early/);

  const notices: string[] = [];
  group.supervise({ notice: (line) => notices.push(line), firstDelayMs: 50 });
  group.start(diesAfter('stopped-on-purpose', 60_000));
  await sleep(300);
  await group.stop('stopped-on-purpose');
  group.start(diesAfter('late', 200));
  group.stopSupervising();
  await sleep(800);
  assert.deepEqual(notices, [], 'no restart');
  await group.stopAll();
});

test('stopAll stops the given waves in order, each wave at once, then the rest', async () => {
  const order: string[] = [];
  const group = new ProcessGroup(
    () => undefined,
    () => undefined,
  );
  const lingering = (name: string, ms: number): ProcessSpec => ({
    name,
    command: process.execPath,
    args: ['-e', `process.on('SIGTERM', () => setTimeout(() => process.exit(0), ${ms})); setInterval(() => {}, 1000)`],
    cwd: process.cwd(),
    env: process.env,
  });
  for (const [name, ms] of [
    ['database', 10],
    ['service-a', 300],
    ['service-b', 300],
    ['front', 200],
  ] as const) {
    group.start(lingering(name, ms)).once('exit', () => order.push(name));
  }
  await sleep(500);
  const started = performance.now();
  await group.stopAll(5_000, [['front'], ['service-a', 'service-b']]);
  const ms = performance.now() - started;
  assert.deepEqual(order.slice(0, 1), ['front']);
  assert.deepEqual(order.slice(1, 3).sort(), ['service-a', 'service-b']);
  assert.equal(order[3], 'database');
  assert.ok(ms < 1_200, `the two services stopped together (${Math.round(ms)} ms)`);
});
