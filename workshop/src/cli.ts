/**
 * `npm run workshop -- <command> <scenario>`:
 *   check <scenario>              judge your version (mode `yours`) against the fixed twin
 *   hint <scenario> [level]       the next hint (1 to 3, each gives more away)
 *   solution <scenario> [--yes]   write the reference fix into your files
 *   reset <scenario> [--yes]      put the slow twin's copy back into your files
 *   list                          the exercises and your files
 * Every failure is one line; the exit code is 0 only when the command (or every check) passed.
 */
import { createInterface } from 'node:readline/promises';
import { exerciseOf, SCENARIOS, type Scenario, type ScenarioName } from '@trace-arcade/scenarios';
import { CheckError, checkExercise } from './check.js';
import { filesDifferingFrom, writeExerciseFiles } from './exercise-files.js';
import { formatVerdict } from './verdict-report.js';

const USAGE = 'usage: npm run workshop -- check|hint|solution|reset <scenario> [--yes] | list';

/** A mistake in how the command was called: exit code 2. */
class UsageError extends Error {}

function scenarioNamed(name: string | undefined): Scenario & { name: ScenarioName } {
  const names = SCENARIOS.map((scenario) => scenario.name);
  if (!name) throw new UsageError(`expected a scenario (${names.join(', ')}); got none. ${USAGE}`);
  const scenario = SCENARIOS.find((candidate) => candidate.name === name);
  if (!scenario) throw new UsageError(`expected a scenario (${names.join(', ')}); got ${JSON.stringify(name)}`);
  return scenario;
}

/** Asks before replacing the attendee's work; `--yes` answers for them, and without a terminal the question cannot be asked. */
async function confirmed(question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) throw new UsageError(`${question} Run again with --yes to confirm (no terminal to ask in).`);
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

async function replaceFiles(scenario: ScenarioName, source: 'start' | 'solution', yes: boolean): Promise<number> {
  const exercise = exerciseOf(scenario);
  // Replacing nothing but the other copy loses nothing: only the attendee's own edits are asked about.
  const other = source === 'start' ? 'solution' : 'start';
  const edited = await filesDifferingFrom(exercise, source);
  const ownWork = edited.length > 0 && (await filesDifferingFrom(exercise, other)).length > 0;
  const what = source === 'start' ? "the slow twin's copy" : 'the reference fix';
  if (ownWork && !(await confirmed(`Replace your version of ${edited.map((file) => file.path).join(', ')} with ${what}?`, yes))) {
    console.log('nothing changed');
    return 1;
  }
  const written = await writeExerciseFiles(exercise, source);
  console.log(`${scenario}: wrote ${what} into ${written.join(', ')}`);
  if (exercise.files.some((file) => file.service))
    console.log('npm start rebuilds and restarts the service in a few seconds; then: npm run workshop -- check ' + scenario);
  return 0;
}

function hint(scenario: ScenarioName, levelText: string | undefined): number {
  const hints = exerciseOf(scenario).hints;
  const level = levelText === undefined ? 1 : Number(levelText);
  if (!Number.isInteger(level) || level < 1 || level > hints.length) {
    throw new UsageError(`expected a hint level from 1 to ${hints.length}; got ${JSON.stringify(levelText)}`);
  }
  console.log(`${scenario}, hint ${level} of ${hints.length}: ${hints[level - 1]}`);
  if (level < hints.length) console.log(`(more: npm run workshop -- hint ${scenario} ${level + 1})`);
  return 0;
}

function list(): number {
  for (const scenario of SCENARIOS) {
    console.log(
      `${scenario.name.padEnd(22)} ${exerciseOf(scenario.name)
        .files.map((file) => file.path)
        .join(', ')}`,
    );
  }
  return 0;
}

async function main(args: readonly string[]): Promise<number> {
  const yes = args.includes('--yes');
  const [command, name, extra] = args.filter((arg) => arg !== '--yes');
  switch (command) {
    case 'check': {
      const scenario = scenarioNamed(name);
      const { outcome, spotlightUrl } = await checkExercise(scenario, (line) => console.log(`[workshop] ${line}`));
      if (outcome.status === 'fixed-failed') throw new CheckError(outcome.message);
      console.log(formatVerdict(scenario.name, outcome.verdict, outcome.yours, spotlightUrl));
      return outcome.verdict.passed ? 0 : 1;
    }
    case 'hint':
      return hint(scenarioNamed(name).name, extra);
    case 'solution':
      return replaceFiles(scenarioNamed(name).name, 'solution', yes);
    case 'reset':
      return replaceFiles(scenarioNamed(name).name, 'start', yes);
    case 'list':
      return list();
    default:
      throw new UsageError(
        `expected a command (check, hint, solution, reset, list); got ${command === undefined ? 'none' : JSON.stringify(command)}. ${USAGE}`,
      );
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`workshop: ${error.message}`);
    process.exitCode = 2;
  } else if (error instanceof CheckError) {
    console.error(`workshop: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(`workshop: ${(error as Error).message ?? String(error)}`);
    process.exitCode = 1;
  }
}
