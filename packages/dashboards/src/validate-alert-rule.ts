/**
 * Offline validation of a metric alert rule definition: the body of
 * `POST /api/0/organizations/{org}/alert-rules/` without `projects` (the apply command adds the project).
 *
 * Ported from getsentry/sentry:
 * - `src/sentry/incidents/serializers/alert_rule.py` (`AlertRuleSerializer`): name, aggregate, query, timeWindow,
 *   thresholdType and triggers required; thresholdType 0 (above) or 1 (below); thresholdPeriod 1–20; comparisonDelta
 *   at most 89 days; one or two triggers, the first labelled `critical`, the second `warning`; the critical threshold
 *   above (thresholdType 0) or below (1) the warning one; each trigger's threshold on the alerting side of
 *   resolveThreshold, with Sentry's one-step allowance when both are integers (`_validate_trigger_thresholds`);
 *   `release:latest` is not a supported query.
 * - `src/sentry/incidents/serializers/alert_rule_trigger.py`: a trigger's label is 1–64 characters; every action
 *   needs a target ("One or more of your actions is missing a target identifier.").
 * - `src/sentry/snuba/snuba_query_validator.py` (`SnubaQueryValidator`, which checks the alert's query for the
 *   workflow engine): the datasets each query type takes (0: events; 1: transactions, generic_metrics,
 *   events_analytics_platform; 2: metrics), the event types each takes, one event type only on
 *   `events_analytics_platform`, a time window of at least 5 minutes there ("Time window for this alert type must be
 *   at least 5 minutes"), and crash-rate (metrics) windows 30 min, 1 h, 2 h, 4 h, 12 h and 24 h.
 * - `src/sentry/snuba/models.py` (`SnubaQueryEventType.EventType`): error, default, transaction, trace_item_span,
 *   trace_item_log, trace_item_metric; `src/sentry/snuba/dataset.py` for the dataset names.
 * - Sentry's published API schema for this endpoint (getsentry/sentry-api-schema, last published March 2026 before
 *   the endpoint gave way to monitors): name at most 256 characters, timeWindow one of 1, 5, 10, 15, 30, 60, 120, 240,
 *   1440 minutes, action types and target types.
 *
 * Stricter than Sentry, on purpose: unknown keys are refused (Sentry drops them); `eventTypes` is required on
 * `events_analytics_platform`, since without it Sentry reads the query as spans and a trace-metric aggregate would
 * fail; an aggregate on `trace_item_metric` must name its metric (see `aggregate-syntax.ts`). No Node imports: this
 * also runs in the browser.
 */

import { isEquation, isFunctionCall, traceMetricAggregateProblem } from './aggregate-syntax.js';
import type { AlertRuleDataset, AlertRuleEventType } from './definitions.js';
import { type JsonObject, type ValidationProblem, Problems, describe, isObject, joinPath } from './validation-problem.js';

export const ALERT_RULE_DATASETS: readonly AlertRuleDataset[] = [
  'events',
  'transactions',
  'generic_metrics',
  'metrics',
  'events_analytics_platform',
];

/** Minutes, as Sentry's API schema lists them. */
export const ALERT_TIME_WINDOWS: readonly number[] = [1, 5, 10, 15, 30, 60, 120, 240, 1440];
/** `CRASH_RATE_ALERTS_ALLOWED_TIME_WINDOWS`, in minutes. */
export const CRASH_RATE_TIME_WINDOWS: readonly number[] = [30, 60, 120, 240, 720, 1440];
const EAP_MIN_TIME_WINDOW = 5;

/** The event types each dataset takes. */
export const DATASET_EVENT_TYPES: Readonly<Record<AlertRuleDataset, readonly AlertRuleEventType[]>> = {
  events: ['error', 'default'],
  transactions: ['transaction'],
  generic_metrics: ['transaction'],
  metrics: [],
  events_analytics_platform: ['trace_item_span', 'trace_item_log', 'trace_item_metric'],
};

const QUERY_TYPE_DATASETS: Readonly<Record<0 | 1 | 2, readonly AlertRuleDataset[]>> = {
  0: ['events'],
  1: ['transactions', 'generic_metrics', 'events_analytics_platform'],
  2: ['metrics'],
};

const NAME_MAX = 256;
const LABEL_MAX = 64;
const THRESHOLD_PERIOD_MAX = 20;
const COMPARISON_DELTA_MAX = 89 * 24 * 60;
const UNSUPPORTED_QUERIES = ['release:latest'];

const ACTION_TYPES = ['email', 'slack', 'msteams', 'pagerduty', 'sentry_app', 'sentry_notification', 'opsgenie', 'discord'];
const ACTION_TARGET_TYPES = ['specific', 'user', 'team', 'sentry_app'];

const ALERT_RULE_KEYS = [
  'name',
  'aggregate',
  'timeWindow',
  'query',
  'thresholdType',
  'triggers',
  'environment',
  'dataset',
  'queryType',
  'eventTypes',
  'comparisonDelta',
  'resolveThreshold',
  'thresholdPeriod',
  'owner',
  'detectionType',
  'sensitivity',
  'seasonality',
  'extrapolationMode',
];
const TRIGGER_KEYS = ['id', 'label', 'alertThreshold', 'actions', 'excludedProjects'];
const ACTION_KEYS = [
  'id',
  'type',
  'targetType',
  'targetIdentifier',
  'inputChannelId',
  'integrationId',
  'sentryAppId',
  'priority',
  'settings',
];

export function validateAlertRule(body: unknown): ValidationProblem[] {
  const problems = new Problems();
  if (!isObject(body)) {
    problems.add('', `expected an alert rule as a JSON object; got ${describe(body)}`);
    return problems.list;
  }
  if (body.projects !== undefined) {
    problems.add('projects', `expected no projects (the apply command adds the project it is given); got ${describe(body.projects)}`);
  }
  problems.unknownKeys(
    Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'projects')),
    ALERT_RULE_KEYS,
    '',
    'an alert rule',
  );

  problems.string(body.name, 'name', { required: true, maxLength: NAME_MAX, what: 'an alert rule name' });
  problems.string(body.environment, 'environment', { allowNull: true, what: 'an environment name' });
  if (body.owner !== undefined && body.owner !== null && (typeof body.owner !== 'string' || !/^(team|user):\d+$/.test(body.owner))) {
    problems.add('owner', `expected "team:<id>", "user:<id>" or null; got ${describe(body.owner)}`);
  }
  if (problems.string(body.query, 'query', { required: true, allowBlank: true, what: 'a search query string (may be empty)' })) {
    for (const term of body.query.split(/\s+/)) {
      if (UNSUPPORTED_QUERIES.includes(term))
        problems.add(
          'query',
          `expected a supported query; got ${describe(term)} ("Unsupported Query: We do not currently support the ${term} query")`,
        );
      if (/^!?project(\.id)?:/.test(term))
        problems.add('query', `expected no project filter ("Project is an invalid search term"); got ${describe(term)}`);
    }
  }

  const dataset = validateDataset(body, problems);
  const eventTypes = validateEventTypes(body, dataset, problems);
  validateAggregate(body.aggregate, eventTypes, problems);
  validateTimeWindow(body.timeWindow, dataset, problems);

  const thresholdTypeOk = problems.oneOf(body.thresholdType, [0, 1], 'thresholdType', { required: true });
  problems.integer(body.thresholdPeriod, 'thresholdPeriod', { min: 1, max: THRESHOLD_PERIOD_MAX });
  problems.integer(body.comparisonDelta, 'comparisonDelta', { allowNull: true, min: 1, max: COMPARISON_DELTA_MAX });
  const resolveThreshold = body.resolveThreshold;
  const resolveOk = resolveThreshold === undefined || resolveThreshold === null || isFiniteNumber(resolveThreshold);
  if (!resolveOk) problems.add('resolveThreshold', `expected a number or null; got ${describe(resolveThreshold)}`);

  const thresholds = validateTriggers(body.triggers, problems);
  if (thresholdTypeOk && thresholds) {
    const above = body.thresholdType === 0;
    const side = above ? 'above' : 'below';
    const { critical, warning } = thresholds;
    if (critical !== undefined && warning !== undefined && (above ? critical < warning : critical > warning)) {
      problems.add(
        'triggers[0].alertThreshold',
        `expected the critical threshold ${side} the warning threshold (${warning}) for thresholdType ${String(body.thresholdType)}; got ${critical}`,
      );
    }
    if (resolveOk && typeof resolveThreshold === 'number') {
      const entries: [number, string, number | undefined][] = [
        [0, 'critical', critical],
        [1, 'warning', warning],
      ];
      for (const [index, label, alert] of entries) {
        if (alert === undefined) continue;
        if (!alertsBeyondResolve(alert, resolveThreshold, above)) {
          problems.add(
            `triggers[${index}].alertThreshold`,
            `expected the ${label} threshold ${side} the resolve threshold (${resolveThreshold}) for thresholdType ${String(body.thresholdType)}; got ${alert}`,
          );
        }
      }
    }
  }
  return problems.list;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Sentry compares non-inclusive thresholds (alert on > or <, resolve on the other side), so with integers it allows
 * one step of overlap: alert above 0, resolve below 1 is valid.
 */
function alertsBeyondResolve(alert: number, resolve: number, above: boolean): boolean {
  const integers = Number.isInteger(alert) && Number.isInteger(resolve);
  const step = integers ? 1 : 0;
  return above ? !(alert + step <= resolve - step) : !(alert - step >= resolve + step);
}

function validateDataset(body: JsonObject, problems: Problems): AlertRuleDataset | undefined {
  const dataset = body.dataset ?? 'events';
  if (!problems.oneOf(dataset, ALERT_RULE_DATASETS, 'dataset')) return undefined;
  const queryType = body.queryType;
  if (queryType !== undefined && problems.oneOf(queryType, [0, 1, 2], 'queryType')) {
    const datasets = QUERY_TYPE_DATASETS[queryType];
    if (!datasets.includes(dataset)) {
      problems.add(
        'queryType',
        `expected a queryType that takes dataset ${describe(dataset)} (queryType ${queryType} takes ${datasets.join(', ')}); got ${queryType}`,
      );
    }
  }
  return dataset;
}

function validateEventTypes(body: JsonObject, dataset: AlertRuleDataset | undefined, problems: Problems): AlertRuleEventType[] | undefined {
  const list = problems.stringList(body.eventTypes, 'eventTypes');
  if (dataset === undefined) return undefined;
  const valid = DATASET_EVENT_TYPES[dataset];
  const validText = valid.length === 0 ? 'none' : valid.map((type) => JSON.stringify(type)).join(', ');
  if (dataset === 'events_analytics_platform') {
    if (body.eventTypes === undefined || (list !== undefined && list.length !== 1)) {
      problems.add(
        'eventTypes',
        `expected exactly one event type for dataset "events_analytics_platform" (${validText}); got ${describe(body.eventTypes)}`,
      );
      return undefined;
    }
  }
  if (!list) return undefined;
  const invalid = list.filter((type) => !(valid as readonly string[]).includes(type));
  if (invalid.length > 0) {
    problems.add(
      'eventTypes',
      `expected event types valid for dataset ${JSON.stringify(dataset)} (${validText}); got ${JSON.stringify(list)}`,
    );
    return undefined;
  }
  return list as AlertRuleEventType[];
}

function validateAggregate(aggregate: unknown, eventTypes: AlertRuleEventType[] | undefined, problems: Problems): void {
  if (!problems.string(aggregate, 'aggregate', { required: true, what: 'an aggregate such as count() or p95(span.duration)' })) return;
  if (isEquation(aggregate)) return;
  // Sentry's FUNCTION_PATTERN (src/sentry/search/events/fields.py) takes an alias: `fn(args) AS alias`.
  if (!isFunctionCall(aggregate.replace(/ (as|AS) [^(]+$/, ''))) {
    problems.add(
      'aggregate',
      `expected an aggregate fn(arg), such as count() or p95(span.duration) ("Please pass a valid function for aggregation"); got ${describe(aggregate)}`,
    );
    return;
  }
  const eventType = eventTypes?.length === 1 ? eventTypes[0] : undefined;
  if (eventType === 'trace_item_metric') {
    const problem = traceMetricAggregateProblem(aggregate);
    if (problem) problems.add('aggregate', problem);
  } else if (eventType !== undefined && /^\w+\(value,/.test(aggregate)) {
    problems.add(
      'aggregate',
      `expected an aggregate over ${eventType} fields, such as p95(span.duration); got the trace-metric aggregate ${describe(aggregate)} (use eventTypes ["trace_item_metric"])`,
    );
  }
}

function validateTimeWindow(timeWindow: unknown, dataset: AlertRuleDataset | undefined, problems: Problems): void {
  if (!problems.integer(timeWindow, 'timeWindow', { required: true })) return;
  if (dataset === 'metrics') {
    if (!CRASH_RATE_TIME_WINDOWS.includes(timeWindow)) {
      problems.add(
        'timeWindow',
        `expected one of ${CRASH_RATE_TIME_WINDOWS.join(', ')} minutes for a crash rate (metrics) alert; got ${timeWindow}`,
      );
    }
    return;
  }
  const allowed =
    dataset === 'events_analytics_platform' ? ALERT_TIME_WINDOWS.filter((minutes) => minutes >= EAP_MIN_TIME_WINDOW) : ALERT_TIME_WINDOWS;
  if (!allowed.includes(timeWindow)) {
    const note = dataset === 'events_analytics_platform' ? ' (at least 5 minutes on events_analytics_platform)' : '';
    problems.add('timeWindow', `expected one of ${allowed.join(', ')} minutes${note}; got ${timeWindow}`);
  }
}

interface TriggerThresholds {
  critical?: number;
  warning?: number;
}

function validateTriggers(triggers: unknown, problems: Problems): TriggerThresholds | undefined {
  if (triggers === undefined) {
    problems.add('triggers', 'expected a critical trigger and an optional warning trigger; got nothing (the key is required)');
    return undefined;
  }
  if (!Array.isArray(triggers)) {
    problems.add('triggers', `expected an array of triggers; got ${describe(triggers)}`);
    return undefined;
  }
  if (triggers.length === 0 || triggers.length > 2) {
    problems.add('triggers', `expected 1 or 2 triggers, a critical trigger and an optional warning trigger; got ${triggers.length}`);
    return undefined;
  }
  const thresholds: TriggerThresholds = {};
  const labels = ['critical', 'warning'] as const;
  triggers.forEach((trigger, i) => {
    const path = joinPath('triggers', i);
    const label = labels[i] ?? 'critical';
    if (!isObject(trigger)) {
      problems.add(path, `expected a trigger as an object; got ${describe(trigger)}`);
      return;
    }
    problems.unknownKeys(trigger, TRIGGER_KEYS, path, 'a trigger');
    if (trigger.label !== label) {
      const why = i === 0 ? 'the first trigger is the critical one, which every alert rule needs' : 'the second trigger is the warning one';
      problems.add(joinPath(path, 'label'), `expected "${label}" (${why}); got ${describe(trigger.label)}`);
    } else {
      problems.string(trigger.label, joinPath(path, 'label'), { maxLength: LABEL_MAX });
    }
    if (!isFiniteNumber(trigger.alertThreshold)) {
      problems.add(joinPath(path, 'alertThreshold'), `expected a number; got ${describe(trigger.alertThreshold)}`);
    } else if (trigger.label === label) {
      thresholds[label] = trigger.alertThreshold;
    }
    validateActions(trigger.actions, joinPath(path, 'actions'), problems);
  });
  return thresholds;
}

function validateActions(actions: unknown, path: string, problems: Problems): void {
  if (actions === undefined) return;
  if (!Array.isArray(actions)) {
    problems.add(path, `expected an array of actions; got ${describe(actions)}`);
    return;
  }
  actions.forEach((action, i) => {
    const at = joinPath(path, i);
    if (!isObject(action)) {
      problems.add(at, `expected an action as an object; got ${describe(action)}`);
      return;
    }
    problems.unknownKeys(action, ACTION_KEYS, at, 'a trigger action');
    problems.oneOf(action.type, ACTION_TYPES, joinPath(at, 'type'), { required: true });
    problems.oneOf(action.targetType, ACTION_TARGET_TYPES, joinPath(at, 'targetType'), { required: true });
    const target = action.targetIdentifier ?? action.inputChannelId;
    if (target === undefined || target === null || target === '') {
      problems.add(
        joinPath(at, 'targetIdentifier'),
        `expected a target (a user, team or integration target id, or a Slack inputChannelId); got ${describe(target)}`,
      );
    }
  });
}
