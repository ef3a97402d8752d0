/**
 * The workshop's end-to-end tests run as an attendee does: `npm start` (stack/dist/start.js) on
 * free ports, with Spotlight, and `npm run workshop -- ...` (workshop/dist/cli.js) against it. The
 * attendee files are reset before and restored after, whatever the working tree held.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXERCISES, SCENARIO_NAMES } from '@trace-arcade/scenarios';
import { npmStartEnv, REPO_ROOT } from '@trace-arcade/stack';

const ATTENDEE_FILES = Object.values(EXERCISES).flatMap((exercise) => exercise.files.map((file) => file.path));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface WorkshopStack {
  /** Runs `npm run workshop -- <args>` against the stack. */
  workshop(...args: string[]): Promise<CliResult>;
  /** What npm start printed so far. */
  output(): string;
  /** A CLI result with npm start's last lines, for assertion messages. */
  describe(result: CliResult): string;
  /** Runs `check` on every scenario (or on `names`) and asserts that each passes (or fails, with a hint per failed check). */
  checkAll(expectPass: boolean, names?: readonly string[]): Promise<void>;
  /** Writes the reference fix (`solution`) or the start (`reset`) of every scenario. */
  writeAll(command: 'solution' | 'reset'): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorkshopStack(): Promise<WorkshopStack> {
  const originals = new Map<string, string>();
  for (const file of ATTENDEE_FILES) originals.set(file, await readFile(path.join(REPO_ROOT, file), 'utf8'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'trace-arcade-workshop-'));
  const { env } = await npmStartEnv({ DATA_DIR: dataDir, SEED_PLAYERS: '50', SEED_ROUNDS: '2000' });
  const output: string[] = [];

  const workshop = async (...args: string[]): Promise<CliResult> => {
    const child = spawn(process.execPath, ['workshop/dist/cli.js', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, stdout, stderr };
  };
  const describe = (result: CliResult) =>
    `exit ${result.code}\n${result.stdout}${result.stderr}\n--- npm start, last lines:\n${output.join('').slice(-2500)}`;
  const writeAll = async (command: 'solution' | 'reset') => {
    for (const name of SCENARIO_NAMES) {
      const result = await workshop(command, name, '--yes');
      assert.equal(result.code, 0, `${command} ${name}: ${describe(result)}`);
    }
  };
  const checkAll = async (expectPass: boolean, names: readonly string[] = SCENARIO_NAMES) => {
    for (const name of names) {
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
  };

  // The checks judge the untouched files first: start from them whatever the working tree holds.
  await writeAll('reset');
  const stack: ChildProcess = spawn(process.execPath, ['stack/dist/start.js'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  stack.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  stack.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const stop = async () => {
    for (const [file, content] of originals) await writeFile(path.join(REPO_ROOT, file), content);
    if (stack.exitCode === null && stack.signalCode === null) {
      stack.kill('SIGTERM');
      await once(stack, 'exit');
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  while (!output.join('').includes('Trace Arcade is ready')) {
    if (stack.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`npm start did not get ready:\n${output.join('').slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { workshop, output: () => output.join(''), describe, checkAll, writeAll, stop };
}
