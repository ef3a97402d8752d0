import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { getPriority } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './paths.js';
import {
  BACKGROUND_NICENESS_STEP,
  nicenessOf,
  runAtOnce,
  runInLane,
  SHARES_THE_MACHINE,
  sharesTheMachine,
  type Lane,
} from './test-lanes.js';

test('every file said to share the machine is an e2e test file', () => {
  for (const name of Object.keys(SHARES_THE_MACHINE)) {
    assert.ok(existsSync(path.join(REPO_ROOT, 'e2e', 'src', name)), `e2e/src/${name} is listed in SHARES_THE_MACHINE but does not exist`);
  }
  assert.equal(sharesTheMachine('e2e/dist/tracing.test.js'), true);
  assert.equal(sharesTheMachine('e2e/dist/slow-variant-flood.test.js'), false, 'a file not listed is in the timing lane');
});

test('runAtOnce runs at most so many at a time, and gives the results in the order of the items', async () => {
  let running = 0;
  let mostAtOnce = 0;
  const results = await runAtOnce(['a', 'bb', 'ccc', 'dddd', 'eeeee'], 2, async (item) => {
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    // The longer items end first: the results are still in the items' order.
    await new Promise((resolve) => setTimeout(resolve, 50 - item.length * 10));
    running--;
    return item.length;
  });
  assert.equal(mostAtOnce, 2);
  assert.deepEqual(results, [1, 2, 3, 4, 5]);
});

/** Exits 0 when it, and a process it starts, run at the niceness in EXPECTED_NICENESS; 3 otherwise. */
const NICENESS_PROBE = `
const { execFileSync } = require('node:child_process');
const { getPriority } = require('node:os');
const expected = Number(process.env.EXPECTED_NICENESS);
const child = Number(execFileSync(process.execPath, ['-p', 'require("node:os").getPriority()'], { encoding: 'utf8' }));
process.exit(getPriority() === expected && child === expected ? 0 : 3);
`;

test('the background lane runs its commands, and every process they start, at a lower CPU priority; the timing lane at ours', async () => {
  const run = (lane: Lane, expected: number) =>
    runInLane([process.execPath, '-e', NICENESS_PROBE], {
      cwd: REPO_ROOT,
      env: { ...process.env, EXPECTED_NICENESS: String(expected) },
      lane,
      output: 'after',
    });
  const own = getPriority();
  assert.ok(own < 19, 'this test needs room below its own priority');
  assert.equal(nicenessOf('background'), Math.min(19, own + BACKGROUND_NICENESS_STEP));
  assert.equal(await run('background', nicenessOf('background')), 0, 'background: lower priority, inherited');
  assert.equal(await run('timing', own), 0, 'timing: our priority');
  assert.equal(await run('timing', nicenessOf('background')), 3, 'the probe fails on another priority');
});
