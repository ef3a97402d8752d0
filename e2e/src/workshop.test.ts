/**
 * The workshop, as an attendee uses it: `npm start` running, `npm run workshop -- check` on each
 * scenario's untouched file (a copy of the slow twin) fails, the reference fix (`solution`) passes
 * once the stack has rebuilt and restarted the service by itself, `reset` fails again; a wrong fix
 * (a DataLoader made per call) fails with the per-request hint; a file that does not compile, an
 * unknown scenario and a bad hint level are one line each. The attendee files are restored after.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { EXERCISES, SCENARIO_NAMES, type ScenarioName } from '@trace-arcade/scenarios';
import { freePort, freeStackPorts, REPO_ROOT } from '@trace-arcade/stack';

const ATTENDEE_FILES = Object.values(EXERCISES).flatMap((exercise) => exercise.files.map((file) => file.path));

let stack: ChildProcess;
let env: NodeJS.ProcessEnv;
let dataDir: string;
const stackOutput: string[] = [];
const originals = new Map<string, string>();

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function workshop(...args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, ['workshop/dist/cli.js', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

function describe(result: CliResult): string {
  return `exit ${result.code}\n${result.stdout}${result.stderr}\n--- npm start, last lines:\n${stackOutput.join('').slice(-2500)}`;
}

async function checkAll(expectPass: boolean): Promise<void> {
  for (const name of SCENARIO_NAMES) {
    const result = await workshop('check', name);
    assert.equal(result.code, expectPass ? 0 : 1, `${name}: ${describe(result)}`);
    assert.match(
      result.stdout,
      expectPass ? /^passed: your fix of .* holds\.$/m : /^failed: \d+ of \d+ checks\./m,
      `${name}: ${describe(result)}`,
    );
    if (!expectPass) assert.match(result.stdout, /^ {2}FAIL {2}.*\n {8}hint: /m, `${name}: a failed check comes with a hint`);
    assert.doesNotMatch(result.stderr, /\n\s+at /, `${name}: no stack trace`);
  }
}

async function writeAll(source: 'solution' | 'reset'): Promise<void> {
  for (const name of SCENARIO_NAMES) {
    const result = await workshop(source, name, '--yes');
    assert.equal(result.code, 0, `${source} ${name}: ${describe(result)}`);
  }
}

before(async () => {
  for (const file of ATTENDEE_FILES) originals.set(file, await readFile(path.join(REPO_ROOT, file), 'utf8'));
  const ports = await freeStackPorts();
  dataDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-workshop-'));
  env = {
    ...process.env,
    DATA_DIR: dataDir,
    MONGO_SERVER: 'standin',
    POSTGRES_PORT: String(await freePort()),
    MONGO_PORT: String(await freePort()),
    GATEWAY_PORT: String(ports.gateway),
    USERS_PORT: String(ports.users),
    GAME_PORT: String(ports.game),
    ANALYTICS_PORT: String(ports.analytics),
    PAYMENT_PROVIDER_PORT: String(ports.paymentProvider),
    SPOTLIGHT_PORT: String(await freePort()),
    WEB_PORT: String(await freePort()),
    SEED_PLAYERS: '50',
    SEED_ROUNDS: '2000',
    LOG_LEVEL: 'warn',
  };
  delete env['DATABASE_URL'];
  delete env['MONGO_URL'];
  delete env['SENTRY_DSN'];
  // The checks run the reference fixes: start from the untouched files whatever the working tree holds.
  await writeAll('reset');
  stack = spawn(process.execPath, ['stack/dist/start.js'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  stack.stdout!.on('data', (chunk: Buffer) => stackOutput.push(chunk.toString()));
  stack.stderr!.on('data', (chunk: Buffer) => stackOutput.push(chunk.toString()));
  const deadline = Date.now() + 150_000;
  while (!stackOutput.join('').includes('Trace Arcade is ready')) {
    if (stack.exitCode !== null || Date.now() > deadline)
      throw new Error(`npm start did not get ready:\n${stackOutput.join('').slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

after(async () => {
  for (const [file, content] of originals) await writeFile(path.join(REPO_ROOT, file), content);
  if (stack && stack.exitCode === null) {
    stack.kill('SIGTERM');
    await once(stack, 'exit');
  }
  await rm(dataDir, { recursive: true, force: true });
});

test(
  'check fails on every untouched attendee file (a copy of the slow twin), with a hint per failed check',
  { timeout: 300_000 },
  async () => {
    await checkAll(false);
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
  const result = await workshop('check', 'n-plus-one');
  assert.equal(result.code, 1, describe(result));
  assert.match(
    result.stdout,
    /FAIL {2}SQL statements: \d+ \(fixed twin: \d+; allowed: at most \d+\)\n {8}hint: .*once per request/,
    describe(result),
  );
  assert.match(stackOutput.join(''), /\[stack\] workshop: users restarted with your change/);
});

test('a file that does not compile, an unknown scenario and a bad hint level are one line each', { timeout: 120_000 }, async () => {
  const file = path.join(REPO_ROOT, 'subgraphs/game/src/workshop/cpu-rng.ts');
  await writeFile(file, `${await readFile(file, 'utf8')}\nexport const broken: number = 'not a number';\n`);
  const broken = await workshop('check', 'cpu-rng');
  assert.equal(broken.code, 1, describe(broken));
  assert.match(
    broken.stderr.trim(),
    /^workshop: your code does not compile: subgraphs\/game\/src\/workshop\/cpu-rng\.ts\(\d+,\d+\): error TS2322: .*$/,
    describe(broken),
  );
  await workshop('reset', 'cpu-rng', '--yes');

  const unknown = await workshop('check', 'n-plus-two');
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr.trim().split('\n').length, 1, unknown.stderr);
  assert.match(unknown.stderr, /^workshop: expected a scenario \(n-plus-one, .*\); got "n-plus-two"$/m);

  const level = await workshop('hint', 'cpu-rng', '7');
  assert.equal(level.code, 2);
  assert.match(level.stderr, /^workshop: expected a hint level from 1 to 3; got "7"$/m);
  const first = await workshop('hint', 'cpu-rng');
  assert.equal(first.code, 0);
  assert.match(first.stdout, /^cpu-rng, hint 1 of 3: .*\n\(more: npm run workshop -- hint cpu-rng 2\)$/m);
});

test(
  'check passes on every scenario after solution, picked up by npm start without a restart of the stack',
  { timeout: 300_000 },
  async () => {
    await writeAll('solution');
    await checkAll(true);
  },
);

test('check fails again on every scenario after reset', { timeout: 300_000 }, async () => {
  await writeAll('reset');
  for (const name of SCENARIO_NAMES satisfies readonly ScenarioName[]) {
    const exercise = EXERCISES[name];
    for (const file of exercise.files) {
      assert.equal(await readFile(path.join(REPO_ROOT, file.path), 'utf8'), await readFile(path.join(REPO_ROOT, file.start), 'utf8'));
    }
  }
  await checkAll(false);
});
