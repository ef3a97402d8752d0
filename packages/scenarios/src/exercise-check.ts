/**
 * The workshop check's sequence, shared by `npm run workshop -- check` and the panel's "Run yours",
 * whatever sends the requests: the fixed twin's run, then the attendee's (mode `yours`), each sent
 * again while another unit of work holds the slow variants, then what Sentry would find on the
 * attendee's trace, judged together by `judgeExercise`.
 */
import { judgeExercise, type ExerciseFindings, type ExerciseRun, type ExerciseVerdict } from './exercise-verdict.js';
import type { Exercise } from './exercises.js';

/** A run as its sender made it: the requests' answers, and where to find its trace (`Trace`: the sender's own record). */
export interface SentExerciseRun<Trace> {
  run: ExerciseRun;
  trace: Trace;
}

export type ExerciseCheckOutcome<Trace> =
  | { status: 'judged'; verdict: ExerciseVerdict; fixed: Trace; yours: Trace }
  /** The fixed twin itself failed: no verdict can be given (the stack is unwell). */
  | { status: 'fixed-failed'; message: string; fixed: Trace };

export interface ExerciseCheckSteps<Trace> {
  send(mode: 'fixed' | 'yours'): Promise<SentExerciseRun<Trace>>;
  findings(yours: SentExerciseRun<Trace>): Promise<ExerciseFindings>;
  /** Told what the check is doing. */
  say(activity: string): void;
  /** The pause before a refused run is sent again (default 1 s). */
  busyPauseMs?: number;
}

/** How many times a run refused as busy is sent again before the check gives up (with the default pause, 30 s). */
export const BUSY_RETRIES = 30;

/** Whether a run was refused because another unit of work holds the service's slow variants (someone else's click). */
export function refusedAsBusy(run: ExerciseRun): boolean {
  return [...run.requests, ...run.probes].some((request) => request.error?.code === 'SLOW_VARIANT_BUSY');
}

/** Whether a run met a service that was down: under `npm start`, one restarting with a change just saved. */
function metARestart(run: ExerciseRun): boolean {
  return [...run.requests, ...run.probes].some((request) => request.error?.code === 'UPSTREAM_UNAVAILABLE');
}

/** Runs the check; throws when the stack stayed busy through every retry. */
export async function runExerciseCheck<Trace>(exercise: Exercise, steps: ExerciseCheckSteps<Trace>): Promise<ExerciseCheckOutcome<Trace>> {
  const pauseMs = steps.busyPauseMs ?? 1000;
  const sendUntilAdmitted = async (mode: 'fixed' | 'yours'): Promise<SentExerciseRun<Trace>> => {
    const what = mode === 'yours' ? 'your version' : 'the fixed twin';
    steps.say(`running ${what}`);
    for (let retry = 1; ; retry++) {
      const sent = await steps.send(mode);
      const busy = refusedAsBusy(sent.run);
      if (!busy && !metARestart(sent.run)) return sent;
      if (retry > BUSY_RETRIES) {
        throw new Error(
          busy
            ? `the stack stayed busy with another slow unit of work (a click or a load run?) for ${(BUSY_RETRIES * pauseMs) / 1000} s: try again`
            : `a service stayed unavailable for ${(BUSY_RETRIES * pauseMs) / 1000} s: see the npm start terminal`,
        );
      }
      const why = busy ? 'the stack is busy with another slow unit of work' : 'a service is restarting (a change being picked up)';
      steps.say(`${why}; running ${what} again in a moment (retry ${retry} of ${BUSY_RETRIES})`);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const fixed = await sendUntilAdmitted('fixed');
  const failed = [...fixed.run.requests, ...fixed.run.probes].find((request) => request.error)?.error;
  if (failed) {
    return {
      status: 'fixed-failed',
      message: `the fixed twin itself failed (${failed.code}: ${failed.message}): is the stack healthy? No verdict.`,
      fixed: fixed.trace,
    };
  }
  const yours = await sendUntilAdmitted('yours');
  steps.say('waiting for your trace');
  const findings = await steps.findings(yours);
  return { status: 'judged', verdict: judgeExercise(exercise, fixed.run, yours.run, findings), fixed: fixed.trace, yours: yours.trace };
}
