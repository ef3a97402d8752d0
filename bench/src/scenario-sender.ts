import { SCENARIO_HEADER, SCENARIOS, type ScenarioOperation } from '@trace-arcade/scenarios';
import { ALL_FIXED } from './sampling-settings.js';

type Scenario = (typeof SCENARIOS)[number];

/**
 * One GraphQL request as the load generator sends it, for a closed loop: every scenario in turn,
 * no trace headers, every scenario's fixed variant in x-scenarios; `operationOf` picks the
 * operation sent for a scenario. A response with errors counts as a failed request.
 */
export function scenarioSender(gatewayUrl: string, operationOf: (scenario: Scenario) => ScenarioOperation) {
  let turn = 0;
  return () => {
    const scenario = SCENARIOS[turn++ % SCENARIOS.length]!;
    const { operation, variables } = operationOf(scenario);
    return {
      name: scenario.name,
      send: async () => {
        const response = await fetch(`${gatewayUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SCENARIO_HEADER]: ALL_FIXED },
          body: JSON.stringify({ query: operation, variables }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        if (!response.ok || body.errors) throw new Error(`${scenario.name}: HTTP ${response.status} ${JSON.stringify(body.errors ?? '')}`);
      },
    };
  };
}
