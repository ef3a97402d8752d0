/**
 * "Run yours": the workshop check of a scenario from the panel, as `npm run workshop -- check`
 * does it: `runExerciseCheck` (packages/scenarios) with the panel's sender and Spotlight reader.
 */
import { EXERCISES, runExerciseCheck, type Exercise, type ExerciseCheckOutcome, type ExerciseFindings } from '@trace-arcade/scenarios';
import { findingsOf } from '@trace-arcade/trace-detectors';
import type { Client } from 'urql';
import type { CatalogScenario } from './catalog.js';
import { sendExerciseRun } from './exercise-run.js';
import type { PanelServices } from './panel-context.js';
import type { RunOutcome } from './run-scenario.js';
import { waitForRun } from './run-signals.js';
import { attendeeOperation } from './workshop-operations.js';

/** What a check came to: a verdict, or (the fixed twin failed) no verdict and why; each run's outcome for its trace links. */
export type YoursCheck = ExerciseCheckOutcome<RunOutcome>;

/** The exercise of a catalog scenario; undefined for a scenario the workshop has none for. */
export function exerciseFor(name: string): Exercise | undefined {
  return Object.hasOwn(EXERCISES, name) ? EXERCISES[name as keyof typeof EXERCISES] : undefined;
}

/** What Sentry would find on the attendee's trace, read from Spotlight as the card's verdict line reads it. */
async function findingsOnRun(
  spotlight: PanelServices['spotlight'],
  scenario: CatalogScenario,
  outcome: RunOutcome,
): Promise<ExerciseFindings> {
  const alerts = scenario.sentry.alerts;
  const result = await waitForRun(spotlight, outcome, [...new Set(alerts.map((alert) => alert.metric))]);
  if (result.status === 'unavailable') return { unavailable: result.reason };
  return { titles: findingsOf(outcome.traceId!, result.signals, alerts).map((finding) => `${finding.title}`) };
}

export interface CheckYoursInput {
  client: Client;
  spotlight: PanelServices['spotlight'];
  scenario: CatalogScenario;
  exercise: Exercise;
  catalogNames: readonly string[];
  /** Told what the check is doing, for the card's status line. */
  say: (activity: string) => void;
}

/** Runs the check; throws when a run could not be sent or the stack stayed busy. */
export function checkYours({ client, spotlight, scenario, exercise, catalogNames, say }: CheckYoursInput): Promise<YoursCheck> {
  const operation = attendeeOperation(exercise);
  return runExerciseCheck(exercise, {
    send: (mode) => sendExerciseRun(client, scenario, exercise, mode, catalogNames, operation),
    findings: (yours) => findingsOnRun(spotlight, scenario, yours.trace),
    say: (activity) => say(`Run yours: ${activity}…`),
  });
}
