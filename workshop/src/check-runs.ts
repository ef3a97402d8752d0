/**
 * Sends a scenario's runs for the checker through the gateway, as the panel does: the scenario's
 * unit of work (one request, or several under one trace) in a mode, every other scenario fixed,
 * then one request per probe of the exercise.
 */
import { randomBytes } from 'node:crypto';
import {
  isolatedSelection,
  operationFor,
  SCENARIO_HEADER,
  SCENARIO_NAMES,
  sendUnit,
  type Exercise,
  type ExerciseRequestResult,
  type SentExerciseRun,
  type Scenario,
  type VariantMode,
} from '@trace-arcade/scenarios';

/** How long a request may take: the slow twins' worst is a few seconds; a hang must not stall the check. */
const REQUEST_TIMEOUT_MS = 60_000;

interface GraphQLResponse {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: string } }[];
  extensions?: { perf?: ExerciseRequestResult['perf'] };
}

async function send(gatewayUrl: string, body: { query: string; variables: Record<string, unknown> }, headers: Record<string, string>) {
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const answer = (await response.json().catch(() => ({}))) as GraphQLResponse;
  const first = answer.errors?.[0];
  const result: ExerciseRequestResult = {
    data: answer.data ?? null,
    error: first ? { code: first.extensions?.code ?? `HTTP_${response.status}`, message: first.message ?? '' } : null,
    perf: answer.extensions?.perf ?? {},
  };
  return result;
}

function traceHeaders(traceId: string): Record<string, string> {
  return { 'sentry-trace': `${traceId}-${randomBytes(8).toString('hex')}-1` };
}

/**
 * One mode's run. `operation`: the attendee's own operation for mode `yours`, where the exercise is
 * an operation; otherwise the catalog's for the mode.
 */
export async function sendRun(
  gatewayUrl: string,
  scenario: Scenario,
  exercise: Exercise,
  mode: VariantMode,
  operation: string | undefined,
): Promise<SentExerciseRun<string>> {
  // The attendee's version answers what the fixed twin answers, to the same variables.
  const reference = operationFor(scenario, mode === 'yours' ? 'fixed' : mode);
  const body = { query: operation ?? reference.operation, variables: reference.variables };
  const headers = { [SCENARIO_HEADER]: isolatedSelection(scenario.name, mode, SCENARIO_NAMES) };
  // The probes first, each in a trace of its own: they are cheap, whereas the unit's slow run may
  // use up the service's CPU budget for slow variants (a blocking twin) for a while.
  const probes: ExerciseRequestResult[] = [];
  for (const probe of exercise.probes ?? []) {
    probes.push(
      await send(
        gatewayUrl,
        { ...body, variables: { ...body.variables, ...probe } },
        { ...headers, ...traceHeaders(randomBytes(16).toString('hex')) },
      ),
    );
  }
  const traceId = randomBytes(16).toString('hex');
  const unit = await sendUnit(scenario.unit ?? { requests: 1, concurrency: 1 }, () =>
    send(gatewayUrl, body, { ...headers, ...traceHeaders(traceId) }),
  );
  return { run: { requests: unit, probes }, trace: traceId };
}
