/**
 * The metric declaration against itself and against docs/metrics.md: names are unique and
 * well-formed, no attribute is personal, and the docs table says of each metric exactly what the
 * declaration says (type, unit, attributes, services).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { METRIC_LIST, METRIC_SERVICE_ATTRIBUTE } from './metrics.js';

/** This file runs from packages/scenarios/dist/. */
const DOCS = fileURLToPath(new URL('../../../docs/metrics.md', import.meta.url));

test('metric names are unique, dotted lower-case words', () => {
  const names = METRIC_LIST.map((metric) => metric.name);
  assert.equal(new Set(names).size, names.length, `duplicate names in ${names.join(', ')}`);
  for (const name of names) assert.match(name, /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/);
});

test('no metric has an attribute that names a player or a user, or repeats `service`', () => {
  for (const metric of METRIC_LIST) {
    for (const attribute of Object.keys(metric.attributes)) {
      assert.doesNotMatch(attribute, /player|user|email|name\.display/, `${metric.name}: ${attribute}`);
      assert.notEqual(attribute, METRIC_SERVICE_ATTRIBUTE, `${metric.name}: \`service\` comes from the scope`);
    }
  }
});

test('docs/metrics.md has one row per metric that matches the declaration', () => {
  const rows = readFileSync(DOCS, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  assert.deepEqual(
    rows.map((row) => row[0]),
    METRIC_LIST.map((metric) => `\`${metric.name}\``),
    'one row per metric, in the order of the declaration',
  );
  for (const [index, metric] of METRIC_LIST.entries()) {
    const [, type, unit, attributes, services] = rows[index]!;
    assert.equal(type, metric.type, `${metric.name}: type`);
    assert.equal(unit, metric.unit, `${metric.name}: unit`);
    assert.equal(
      attributes,
      Object.keys(metric.attributes)
        .map((name) => `\`${name}\``)
        .join(', '),
      `${metric.name}: attributes`,
    );
    assert.equal(services, metric.services.join(', '), `${metric.name}: sent by`);
  }
});
