import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyMongoServer, STAND_IN_DETAIL } from './mongo-server.js';

test('a real mongod reports its git revision: indexes are used', () => {
  const info = classifyMongoServer({ version: '7.0.14', gitVersion: 'ce59cfc6a3c5e5c067dca0d30697edd68d4f5188', ok: 1 }, true);
  assert.deepEqual(info, { server: 'mongod', version: '7.0.14', indexesUsed: true, detail: 'MongoDB 7.0.14' });
});

test('the stand-in answers buildInfo without a git revision and knows no hello: indexes are not used', () => {
  const info = classifyMongoServer({ version: '5.0.0', versionArray: [5, 0, 0], maxBsonObjectSize: 16777216, ok: 1 }, false);
  assert.deepEqual(info, { server: 'stand-in', version: '5.0.0', indexesUsed: false, detail: STAND_IN_DETAIL });
  assert.match(info.detail, /indexes are accepted but never used/);
});

test('another compatible server is unknown, and says so', () => {
  const ferret = classifyMongoServer({ version: '7.0.42', gitVersion: 'abc', ferretdbVersion: 'v1.24.2', ok: 1 }, true);
  assert.equal(ferret.server, 'unknown');
  assert.equal(ferret.indexesUsed, null);
  assert.match(ferret.detail, /^FerretDB v1\.24\.2/);
  const other = classifyMongoServer({ version: '6.0.0', ok: 1 }, true);
  assert.equal(other.server, 'unknown');
  assert.match(other.detail, /does not say it is mongod \(reports version 6\.0\.0\)/);
});
