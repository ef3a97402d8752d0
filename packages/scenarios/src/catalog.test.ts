import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCENARIOS, type SentryShows } from './catalog.js';

for (const scenario of SCENARIOS) {
  test(`${scenario.name}: says what Sentry shows for its slow twin, with an alert for each metric it names`, () => {
    const { signals, alerts, where }: SentryShows = scenario.sentry;
    assert.ok(signals.length > 0, 'at least one kind of finding');
    assert.ok(where.includes('→'), `a "where in Sentry" line such as "Issues → N+1 Query"; got ${JSON.stringify(where)}`);
    assert.equal(signals.includes('metric'), alerts.length > 0, 'kind "metric" exactly when the scenario declares metric alerts');
    for (const alert of alerts) assert.ok(alert.above >= 0 && alert.where.includes('→'), `${alert.metric}: a threshold and where it shows`);
  });
}

test('a unit of work sends at least one request and no more at once than it sends', () => {
  for (const scenario of SCENARIOS) {
    if (!('unit' in scenario)) continue;
    const { requests, concurrency } = scenario.unit;
    assert.ok(Number.isInteger(requests) && requests >= 1, `${scenario.name}: requests`);
    assert.ok(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= requests, `${scenario.name}: concurrency`);
  }
});
