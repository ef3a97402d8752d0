/**
 * A metric alert rule evaluated on the signals of locally captured traces: its aggregate over the
 * rows its query selects, in the dataset its `eventTypes` name, compared with its triggers as
 * Sentry compares them (`thresholdType` 0: the value above a threshold fires it; 1: below). The
 * captured runs stand for one `timeWindow`.
 */
import type { TraceSignals } from '@trace-arcade/trace-detectors';
import { aggregateRows, parseAggregate } from './aggregate.js';
import type { AlertRule } from './definitions.js';
import { localRows, type LocalDataset } from './local-rows.js';
import { parseSearchQuery, rowMatches } from './search-query.js';

export class AlertRuleEvaluationError extends Error {
  override name = 'AlertRuleEvaluationError';
}

export interface AlertRuleValue {
  name: string;
  aggregate: string;
  value: number | null;
  /** The trigger it crosses: `critical` before `warning`; none when it does not fire. */
  fires: 'critical' | 'warning' | null;
  threshold: number;
}

const EVENT_TYPE_DATASETS: Record<string, LocalDataset> = {
  trace_item_metric: 'tracemetrics',
  trace_item_span: 'spans',
  error: 'error-events',
};

function datasetOf(rule: AlertRule): LocalDataset {
  const eventType = rule.eventTypes?.[0] ?? '';
  const dataset = rule.eventTypes?.length === 1 ? EVENT_TYPE_DATASETS[eventType] : undefined;
  if (!dataset) {
    throw new AlertRuleEvaluationError(
      `alert rule ${JSON.stringify(rule.name)}: expected one event type of ${Object.keys(EVENT_TYPE_DATASETS).join(', ')}; got ${JSON.stringify(rule.eventTypes ?? [])}`,
    );
  }
  return dataset;
}

function crosses(rule: AlertRule, value: number, threshold: number): boolean {
  return rule.thresholdType === 0 ? value > threshold : value < threshold;
}

/** Whether, and which trigger of, `rule` fires over `signals`. */
export function evaluateAlertRule(rule: AlertRule, signals: TraceSignals): AlertRuleValue {
  const dataset = datasetOf(rule);
  const critical = rule.triggers.find((trigger) => trigger.label === 'critical');
  if (!critical) throw new AlertRuleEvaluationError(`alert rule ${JSON.stringify(rule.name)}: expected a critical trigger; got none`);
  let value: number | null;
  try {
    const aggregate = parseAggregate(rule.aggregate, dataset === 'tracemetrics');
    const terms = parseSearchQuery(rule.query);
    value = aggregateRows(
      aggregate,
      localRows(dataset, signals).filter((row) => rowMatches(terms, row)),
    );
  } catch (error) {
    throw new AlertRuleEvaluationError(`alert rule ${JSON.stringify(rule.name)}: ${(error as Error).message}`);
  }
  const warning = rule.triggers.find((trigger) => trigger.label === 'warning');
  const fires =
    value === null
      ? null
      : crosses(rule, value, critical.alertThreshold)
        ? 'critical'
        : warning && crosses(rule, value, warning.alertThreshold)
          ? 'warning'
          : null;
  return { name: rule.name, aggregate: rule.aggregate, value, fires, threshold: critical.alertThreshold };
}
