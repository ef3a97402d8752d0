/**
 * One mode's run for the workshop check ("Run yours"), sent as `npm run workshop -- check` sends it
 * (workshop/src/check-runs.ts): one request per probe of the exercise, each in a trace of its own,
 * then the scenario's unit of work under one click; every other scenario fixed.
 */
import { operationFor, type Exercise, type SentExerciseRun } from '@trace-arcade/scenarios';
import type { Client } from 'urql';
import type { CatalogScenario } from './catalog.js';
import { runScenarioRequests, type RunOutcome } from './run-scenario.js';

const ONE_REQUEST = { requests: 1, concurrency: 1 };

/**
 * Sends `mode`'s run. The attendee's version answers what the fixed twin answers, to the same
 * variables: the fixed twin's operation, or `operation` where the attendee's version is an operation.
 */
export async function sendExerciseRun(
  client: Client,
  scenario: CatalogScenario,
  exercise: Exercise,
  mode: 'fixed' | 'yours',
  catalogNames: readonly string[],
  operation: string | undefined,
): Promise<SentExerciseRun<RunOutcome>> {
  const reference = operationFor(scenario, 'fixed');
  const sent = { operation: (mode === 'yours' ? operation : undefined) ?? reference.operation, variables: reference.variables };
  const label = `Run yours (${mode === 'yours' ? 'your version' : 'fixed twin'})`;
  // The probes first, each a click of its own: they are cheap, whereas the unit's slow run may use
  // up the service's CPU budget for slow variants (a blocking twin) for a while.
  const probes = [];
  for (const [index, probe] of (exercise.probes ?? []).entries()) {
    const { requests } = await runScenarioRequests(client, scenario, mode, catalogNames, {
      label: `${label}, probe ${index + 1} of ${exercise.probes!.length}`,
      operation: { ...sent, variables: { ...sent.variables, ...probe } },
      unit: ONE_REQUEST,
    });
    probes.push(...requests);
  }
  const { outcome, requests } = await runScenarioRequests(client, scenario, mode, catalogNames, { label, operation: sent });
  return { run: { requests, probes }, trace: outcome };
}
