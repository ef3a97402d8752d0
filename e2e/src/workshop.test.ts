/**
 * The workshop as an attendee meets it (e2e/src/workshop-stack.ts: `npm start`, then `npm run
 * workshop -- ...`), on one running stack: `check` fails on every scenario's untouched file, a copy
 * of the slow twin; a wrong fix (a DataLoader made per call) fails with the per-request hint; a
 * file that does not compile, an unknown scenario and a bad hint level are one line each; after
 * `solution`, `check` passes on every scenario once npm start has rebuilt and restarted the services
 * by itself; after `reset`, every file is the slow twin's copy again and the services run it.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
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
  'check fails on every untouched attendee file (a copy of the slow twin), with a hint per failed check',
  { timeout: 200_000 },
  async () => {
    await stack.checkAll(false);
  },
);

test('a DataLoader created per call instead of per request fails n-plus-one with the per-request hint', { timeout: 120_000 }, async () => {
  await writeFile(
    path.join(REPO_ROOT, 'subgraphs/users/src/workshop/n-plus-one.ts'),
    `import { relationLoader } from '@trace-arcade/service-runtime';
import type { UsersContext } from '../context.js';
import { USERS_DATABASE } from '../database.js';
import { findRecentRoundsByPlayerIds, type RoundRow } from '../repositories/rounds.js';

export async function recentRounds(context: UsersContext, playerId: number, last: number): Promise<RoundRow[]> {
  const loader = relationLoader<number, RoundRow>((ids) => findRecentRoundsByPlayerIds(context.db, ids, last), (round) => round.playerId, USERS_DATABASE, 'recent rounds');
  return loader.load(playerId);
}
`,
  );
  const result = await stack.workshop('check', 'n-plus-one');
  assert.equal(result.code, 1, stack.describe(result));
  assert.match(
    result.stdout,
    /FAIL {2}SQL statements: \d+ \(fixed twin: \d+; allowed: at most \d+\)\n {8}hint: .*once per request/,
    stack.describe(result),
  );
  assert.match(stack.output(), /\[stack\] workshop: users restarted with your change/);
});

test('a file that does not compile, an unknown scenario and a bad hint level are one line each', { timeout: 120_000 }, async () => {
  const file = path.join(REPO_ROOT, 'subgraphs/game/src/workshop/cpu-rng.ts');
  await writeFile(file, `${await readFile(file, 'utf8')}\nexport const broken: number = 'not a number';\n`);
  const broken = await stack.workshop('check', 'cpu-rng');
  assert.equal(broken.code, 1, stack.describe(broken));
  assert.match(
    broken.stderr.trim(),
    /^workshop: your code does not compile: subgraphs\/game\/src\/workshop\/cpu-rng\.ts\(\d+,\d+\): error TS2322: .*$/,
    stack.describe(broken),
  );
  await stack.workshop('reset', 'cpu-rng', '--yes');

  const unknown = await stack.workshop('check', 'n-plus-two');
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr.trim().split('\n').length, 1, unknown.stderr);
  assert.match(unknown.stderr, /^workshop: expected a scenario \(n-plus-one, .*\); got "n-plus-two"$/m);

  const level = await stack.workshop('hint', 'cpu-rng', '7');
  assert.equal(level.code, 2);
  assert.match(level.stderr, /^workshop: expected a hint level from 1 to 3; got "7"$/m);
  const first = await stack.workshop('hint', 'cpu-rng');
  assert.equal(first.code, 0);
  assert.match(first.stdout, /^cpu-rng, hint 1 of 3: .*\n\(more: npm run workshop -- hint cpu-rng 2\)$/m);
});

test(
  'check passes on every scenario after solution, picked up by npm start without a restart of the stack',
  { timeout: 240_000 },
  async () => {
    await stack.writeAll('solution');
    await stack.checkAll(true);
    assert.match(stack.output(), /\[stack\] workshop: analytics restarted with your change/);
  },
);

test('after reset every file is the slow twin again, and each service runs it: check fails once more', { timeout: 240_000 }, async () => {
  await stack.writeAll('reset');
  for (const name of SCENARIO_NAMES) {
    for (const file of EXERCISES[name].files) {
      assert.equal(await readFile(path.join(REPO_ROOT, file.path), 'utf8'), await readFile(path.join(REPO_ROOT, file.start), 'utf8'));
    }
  }
  // The first test judged every untouched file: one scenario per service shows that each service
  // was rebuilt and restarted with the reset files.
  const firstOfService = new Map<string, (typeof SCENARIO_NAMES)[number]>();
  for (const name of SCENARIO_NAMES) {
    for (const file of EXERCISES[name].files) {
      const service = 'service' in file ? file.service : undefined;
      if (service && !firstOfService.has(service)) firstOfService.set(service, name);
    }
  }
  const onePerService = [...new Set(firstOfService.values())];
  await stack.checkAll(false, onePerService);
});
