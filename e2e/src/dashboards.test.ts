/**
 * The dashboards and alert rules under sentry/, evaluated on real runs as the panel evaluates them:
 * each scenario's unit of work runs slow and fixed under a trace of its own through a traced stack,
 * and every widget of the scenario's dashboard must separate the two (the slow twin's value at
 * least 3× the fixed twin's, or, for a widget that an alert rule reads, the rule firing on slow and
 * not on fixed), every alert the catalog declares for the scenario must fire on slow, and no alert
 * rule may fire on any fixed run.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { evaluateAlertRule, evaluateWidget, type AlertRule, type Dashboard } from '@trace-arcade/dashboards';
import { loadDefinitions, type Definition } from '@trace-arcade/dashboards/files';
import { isolatedSelection, operationFor, SCENARIO_NAMES, SCENARIOS, type Mode, type Scenario } from '@trace-arcade/scenarios';
import { emptySignals, signalsFromEnvelope, signalsOfTrace, type TraceSignals } from '@trace-arcade/trace-detectors';
import { REPO_ROOT } from '@trace-arcade/stack';
import { tracedTestStackAroundTests } from './traced-test-stack.js';

/** A widget separates slow from fixed when slow's value is at least this many times fixed's. */
const SEPARATION = 3;

// The payment provider's default latency: five calls awaited one after another are what Sentry's
// consecutive-HTTP detector needs to see (it asks for 2 s that parallel calls would save). Enough
// rounds that each of slow-aggregation's repeated scans takes real time, as on a production-sized
// collection: with 2,000 on a warm MongoDB stand-in the repeats summed under the N+1 detector's 50 ms.
const traced = tracedTestStackAroundTests({
  env: { PAYMENT_LATENCY_MS: '600', USERS_TIMEOUT_MS: '60000', GAME_TIMEOUT_MS: '60000' },
  rounds: 20_000,
});

/** The definitions of `kind` under sentry/ (validated as they load), by file name without `.json`. */
function definitions<T>(kind: Definition['kind']): Map<string, T> {
  const all = loadDefinitions(path.join(REPO_ROOT, 'sentry')).filter((definition) => definition.kind === kind);
  return new Map(all.map((definition) => [path.basename(definition.file, '.json'), definition.body as T]));
}

/** Sends the scenario's unit of work in `mode` under one new trace, as one click of the panel does; returns the trace id. */
async function runUnit(scenario: Scenario, mode: Mode): Promise<string> {
  const traceId = randomBytes(16).toString('hex');
  const { operation, variables } = operationFor(scenario, mode);
  const { requests, concurrency } = scenario.unit ?? { requests: 1, concurrency: 1 };
  let started = 0;
  const lane = async () => {
    while (started < requests) {
      started++;
      const headers = {
        'x-scenarios': isolatedSelection(scenario.name, mode, SCENARIO_NAMES),
        'sentry-trace': `${traceId}-${randomBytes(8).toString('hex')}-1`,
      };
      const result = await traced.stack.graphql(operation, variables, headers);
      const code = result.errors?.[0]?.extensions?.['code'];
      // infinite-loop's slow twin answers LOOP_GUARD_TRIPPED by design; nothing else may fail.
      if (result.errors && code !== 'LOOP_GUARD_TRIPPED') assert.fail(`${scenario.name} ${mode}: ${JSON.stringify(result.errors)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return traceId;
}

/** Every signal the sink holds, once nothing new has arrived for `quietMs` (metrics are flushed in batches). */
async function settledSignals(quietMs = 6000, timeoutMs = 60_000): Promise<TraceSignals> {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  while (traced.sink.raw.length !== seen && Date.now() < deadline) {
    seen = traced.sink.raw.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
  const all = emptySignals();
  for (const envelope of traced.sink.raw) {
    const signals = signalsFromEnvelope(envelope);
    all.transactions.push(...signals.transactions);
    all.errors.push(...signals.errors);
    all.metrics.push(...signals.metrics);
  }
  return all;
}

test(
  'every widget separates slow from fixed, every declared alert fires on slow, no alert fires on fixed',
  { timeout: 600_000 },
  async () => {
    const dashboards = definitions<Dashboard>('dashboard');
    const rules = [...definitions<AlertRule>('alert rule').values()];
    const traces = new Map<string, string>();
    for (const scenario of SCENARIOS as readonly Scenario[]) {
      for (const mode of ['slow', 'fixed'] as const) traces.set(`${scenario.name} ${mode}`, await runUnit(scenario, mode));
    }
    const all = await settledSignals();
    const problems: string[] = [];
    for (const scenario of SCENARIOS as readonly Scenario[]) {
      const slow = signalsOfTrace(all, traces.get(`${scenario.name} slow`)!);
      const fixed = signalsOfTrace(all, traces.get(`${scenario.name} fixed`)!);
      const dashboard = dashboards.get(scenario.name);
      if (!dashboard) {
        problems.push(`${scenario.name}: no sentry/dashboards/${scenario.name}.json`);
        continue;
      }
      for (const widget of dashboard.widgets) {
        const slowValue = evaluateWidget(widget, slow).value ?? 0;
        const fixedValue = evaluateWidget(widget, fixed).value ?? 0;
        const byRatio = slowValue > 0 && slowValue >= SEPARATION * fixedValue;
        const aggregate = widget.queries[0]?.aggregates[0];
        const byAlert = rules.some(
          (rule) => rule.aggregate === aggregate && evaluateAlertRule(rule, slow).fires && !evaluateAlertRule(rule, fixed).fires,
        );
        if (!byRatio && !byAlert) problems.push(`${scenario.name} "${widget.title}": slow ${slowValue}, fixed ${fixedValue}`);
      }
      for (const rule of rules) {
        const onFixed = evaluateAlertRule(rule, fixed);
        if (onFixed.fires) problems.push(`${scenario.name} fixed: "${rule.name}" fires at ${onFixed.value}`);
      }
      for (const declared of scenario.sentry.alerts) {
        const reading = rules.filter((rule) => rule.aggregate.includes(`,${declared.metric},`));
        if (!reading.some((rule) => evaluateAlertRule(rule, slow).fires)) {
          problems.push(
            `${scenario.name} slow: no alert rule on ${declared.metric} fires (${reading.map((rule) => rule.name).join(', ') || 'none reads it'})`,
          );
        }
      }
    }
    assert.deepEqual(problems, []);

    // The business dashboard reads the game's metrics: the bets of the runs above were placed and played.
    const business = dashboards.get('business');
    assert.ok(business, 'sentry/dashboards/business.json');
    const value = (title: string) =>
      evaluateWidget(
        business.widgets.find((widget) => widget.title === title)!,
        all,
      ).value ?? 0;
    const placed = value('Bets placed');
    const played = value('Rounds played');
    assert.ok(played > 0 && placed >= played, `bets placed ${placed}, rounds played ${played}`);
    assert.ok(value('Turnover (cents)') > 0);
  },
);
