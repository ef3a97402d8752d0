/**
 * `npm run workshop -- check <scenario>`: the attendee's version (mode `yours`) beside the fixed
 * twin, in the running stack, judged by `judgeExercise`: same answer, cost within the exercise's
 * budget, nothing for Sentry to find.
 */
import { exerciseOf, judgeExercise, type ExerciseVerdict, type Scenario, type ScenarioName } from '@trace-arcade/scenarios';
import { runTsc } from '@trace-arcade/stack';
import { refusedAsBusy, sendRun, type SentRun } from './check-runs.js';
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
/** Another unit of work may hold the slow variants (a click in the panel): the run is sent again after a pause, this many times. */
const BUSY_RETRIES = 30;

async function sendUntilAdmitted(send: () => Promise<SentRun>): Promise<SentRun> {
  for (let attempt = 0; ; attempt++) {
    const sent = await send();
    if (!refusedAsBusy(sent.run)) return sent;
    if (attempt === BUSY_RETRIES)
      throw new CheckError('the stack stayed busy with another slow unit of work (a panel click or a load run?) for 30 s: try again');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export interface CheckOutcome {
  verdict: ExerciseVerdict;
  traceId: string;
  spotlightUrl: string | undefined;
}

export async function checkExercise(scenario: Scenario & { name: ScenarioName }, say: (line: string) => void): Promise<CheckOutcome> {
  const exercise = exerciseOf(scenario.name);
  for (const service of new Set(exercise.files.flatMap((file) => (file.service ? [file.service] : [])))) {
    const error = await runTsc(['-p', `subgraphs/${service}/tsconfig.json`, '--noEmit', '--incremental', 'false', '--composite', 'false']);
    if (error) throw new CheckError(`your code does not compile: ${error}`);
  }
  let stack;
  try {
    stack = await connectToStack(say);
  } catch (error) {
    throw new CheckError((error as Error).message);
  }
  try {
    const stale = await waitForRunningCode(exercise, stack.ports, RELOAD_TIMEOUT_MS);
    if (stale) throw new CheckError(stale);
    const operation = await attendeeOperation(exercise);
    const fixed = await sendUntilAdmitted(() => sendRun(stack.gatewayUrl, scenario, exercise, 'fixed', undefined));
    const failedFixed = [...fixed.run.requests, ...fixed.run.probes].find((request) => request.error);
    if (failedFixed?.error) {
      throw new CheckError(`the fixed twin itself failed (${failedFixed.error.code}: ${failedFixed.error.message}): is the stack healthy?`);
    }
    const yours = await sendUntilAdmitted(() => sendRun(stack.gatewayUrl, scenario, exercise, 'yours', operation));
    const services = [...new Set(yours.run.requests.flatMap((request) => Object.keys(request.perf.subgraphs ?? {})))];
    const findings = await findingsOnTrace(stack.spotlightUrl, scenario, yours.traceId, services, yours.run.requests.length);
    return { verdict: judgeExercise(exercise, fixed.run, yours.run, findings), traceId: yours.traceId, spotlightUrl: stack.spotlightUrl };
  } finally {
    await stack.release();
  }
}
