/**
 * The workshop's round trip (e2e/src/workshop-stack.ts: `npm start`, then `npm run workshop --
 * ...`): after `solution`, `check` passes on every scenario once npm start has rebuilt and
 * restarted the services by itself; after `reset`, every file is the slow twin's copy again and
 * `check` fails on every scenario.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { EXERCISES, SCENARIO_NAMES } from '@trace-arcade/scenarios';
import { REPO_ROOT } from '@trace-arcade/stack';
import { startWorkshopStack, type WorkshopStack } from './workshop-stack.js';

let stack: WorkshopStack;
before(async () => {
  stack = await startWorkshopStack();
});
after(() => stack?.stop());

test(
  'check passes on every scenario after solution, picked up by npm start without a restart of the stack',
  { timeout: 240_000 },
  async () => {
    await stack.writeAll('solution');
    await stack.checkAll(true);
    assert.match(stack.output(), /\[stack\] workshop: analytics restarted with your change/);
  },
);

test('check fails again on every scenario after reset', { timeout: 240_000 }, async () => {
  await stack.writeAll('reset');
  for (const name of SCENARIO_NAMES) {
    for (const file of EXERCISES[name].files) {
      assert.equal(await readFile(path.join(REPO_ROOT, file.path), 'utf8'), await readFile(path.join(REPO_ROOT, file.start), 'utf8'));
    }
  }
  await stack.checkAll(false);
});
