import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insightsModuleOf, missingInsightsData } from './insights-spans.js';

test('a Mongo span as @sentry/node 11.1.0 sends it lacks db.system and db.operation; with them and a scrubbed JSON description it is complete', () => {
  const sdk = {
    op: 'db',
    description: '{"find":"?","filter":{"playerId":"?"}}',
    data: { 'db.system.name': 'mongodb', 'db.operation.name': 'find', 'db.collection.name': 'rounds' },
  };
  assert.equal(insightsModuleOf(sdk), 'mongoQueries');
  assert.deepEqual(missingInsightsData(sdk), ['db.system', 'db.operation']);
  const fixed = { ...sdk, data: { ...sdk.data, 'db.system': 'mongodb', 'db.operation': 'find' } };
  assert.deepEqual(missingInsightsData(fixed), []);
  assert.deepEqual(missingInsightsData({ ...fixed, description: '{"filter":{"playerId":7}}' }), ['description: JSON with "?" for values']);
});

test('http.client needs server.address, server.port and the status code; cache.get needs cache.hit and cache.key; the pool acquire is no query', () => {
  assert.deepEqual(missingInsightsData({ op: 'http.client', data: { 'server.address': '127.0.0.1', 'http.response.status_code': 200 } }), [
    'server.port',
  ]);
  assert.deepEqual(missingInsightsData({ op: 'cache.get', data: { 'cache.key': ['activity:?:300'] } }), ['cache.hit']);
  assert.equal(insightsModuleOf({ op: 'db.connection.acquire', data: { 'db.system.name': 'postgresql' } }), undefined);
  assert.equal(insightsModuleOf({ op: 'scenario' }), undefined);
});
