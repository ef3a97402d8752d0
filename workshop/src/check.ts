/**
 * `npm run workshop -- check <scenario>`: the attendee's version (mode `yours`) beside the fixed
 * twin, in the running stack, judged by `judgeExercise`: same answer, cost within the exercise's
 * budget, nothing for Sentry to find.
 */
import {
  exerciseOf,
  runExerciseCheck,
  type Exercise,
  type ExerciseCheckOutcome,
  type Scenario,
  type ScenarioName,
} from '@trace-arcade/scenarios';
import { runTsc } from '@trace-arcade/stack/workshop-api';
import { sendRun } from './check-runs.js';
import { attendeeOperation } from './exercise-files.js';
import { waitForRunningCode } from './running-code.js';
import { findingsOnTrace } from './spotlight-findings.js';
import { connectToStack } from './stack-connection.js';

/** A failure of the check itself (not of the attendee's version): one line, no verdict. */
export class CheckError extends Error {
  override name = 'CheckError';
}

/** How long the services may take to pick up a change (rebuild and restart: a few seconds). */
const RELOAD_TIMEOUT_MS = 60_000;
/** A file saved a moment ago may be picked up meanwhile: how long to look before type-checking it. */
const ALREADY_RUNNING_MS = 1_000;

export interface CheckOutcome {
  outcome: ExerciseCheckOutcome<string>;
  spotlightUrl: string | undefined;
}

/** Checks the attendee's version of `scenario`; the outcome's traces are the runs' trace ids. */
export async function checkExercise(scenario: Scenario & { name: ScenarioName }, say: (line: string) => void): Promise<CheckOutcome> {
  const exercise = exerciseOf(scenario.name);
  let stack;
  try {
    stack = await connectToStack(say);
  } catch (error) {
    throw new CheckError((error as Error).message);
  }
  try {
    // A service that runs the file as it is compiled it already; otherwise say at once why it cannot.
    if (await waitForRunningCode(exercise, stack.ports, ALREADY_RUNNING_MS)) {
      await assertCompiles(exercise);
      const stale = await waitForRunningCode(exercise, stack.ports, RELOAD_TIMEOUT_MS);
      if (stale) throw new CheckError(stale);
    }
    const operation = await attendeeOperation(exercise);
    const outcome = await runExerciseCheck(exercise, {
      send: (mode) => sendRun(stack.gatewayUrl, scenario, exercise, mode, mode === 'yours' ? operation : undefined),
      findings: ({ run, trace }) => {
        const services = [...new Set(run.requests.flatMap((request) => Object.keys(request.perf.subgraphs ?? {})))];
        return findingsOnTrace(stack.spotlightUrl, scenario, trace, services, run.requests.length);
      },
      // The runs take seconds; the terminal needs no running commentary, only the retries.
      say: (activity) => {
        if (activity.includes(' again ')) say(activity);
      },
    }).catch((error: unknown) => {
      throw new CheckError((error as Error).message);
    });
    return { outcome, spotlightUrl: stack.spotlightUrl };
  } finally {
    await stack.release();
  }
}

/** Type-checks each service of the exercise; a CheckError with the first compiler error when one does not compile. */
async function assertCompiles(exercise: Exercise): Promise<void> {
  for (const service of new Set(exercise.files.flatMap((file) => (file.service ? [file.service] : [])))) {
    const error = await runTsc(['-p', `subgraphs/${service}/tsconfig.json`, '--noEmit', '--incremental', 'false', '--composite', 'false']);
    if (error) throw new CheckError(`your code does not compile: ${error}`);
  }
}
