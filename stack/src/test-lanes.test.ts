import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './paths.js';
import { runInLanes, SHARES_THE_MACHINE, sharesTheMachine } from './test-lanes.js';

test('every file said to share the machine is an e2e test file', () => {
  for (const name of Object.keys(SHARES_THE_MACHINE)) {
    assert.ok(existsSync(path.join(REPO_ROOT, 'e2e', 'src', name)), `e2e/src/${name} is listed in SHARES_THE_MACHINE but does not exist`);
  }
  assert.equal(sharesTheMachine('e2e/dist/tracing.test.js'), true);
  assert.equal(sharesTheMachine('e2e/dist/slow-variant-flood.test.js'), false, 'a file not listed runs alone');
});

test('shared files run side by side, lanes at once; every other file runs with nothing beside it', async () => {
  const files = [
    'e2e/dist/slow-variant-flood.test.js',
    'e2e/dist/about.test.js',
    'e2e/dist/tracing.test.js',
    'e2e/dist/regex-backtracking.test.js',
    'e2e/dist/sampling.test.js',
    'e2e/dist/federation.test.js',
  ];
  const running = new Set<string>();
  const besideEachOther: string[][] = [];
  let mostAtOnce = 0;
  const codes = await runInLanes(files, 2, async (file) => {
    running.add(file);
    mostAtOnce = Math.max(mostAtOnce, running.size);
    besideEachOther.push([...running]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    running.delete(file);
    return file.includes('sampling') ? 1 : 0;
  });
  assert.equal(mostAtOnce, 2, 'two shared files ran at once');
  for (const group of besideEachOther) {
    if (group.length > 1) assert.ok(group.every(sharesTheMachine), `ran side by side: ${group.join(', ')}`);
  }
  assert.deepEqual(codes, [0, 0, 0, 0, 1, 0], 'exit codes in the order of the files');
});
