import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPerformanceIssues } from './performance-issues.js';
import { cleanTransaction, consecutiveHttpFromGame, nPlusOneFromUsers } from './test-transactions.js';

test('performance issues: an N+1 transaction from users', () => {
  const [issue, ...rest] = findPerformanceIssues([nPlusOneFromUsers()]);
  assert.deepEqual(rest, []);
  assert.ok(issue, 'expected one issue; got none');
  assert.equal(issue.summary, 'N+1 Query: 200 repeated statements in users');
  assert.equal(issue.type, 'N+1 Query');
  assert.equal(issue.service, 'users');
  assert.equal(issue.offenders, 200);
  assert.ok(Math.abs(issue.ms - 200) < 1e-6, `expected 200 ms of repeated statements; got ${issue.ms}`);
});

test('performance issues: a consecutive-HTTP transaction from game', () => {
  const [issue, ...rest] = findPerformanceIssues([consecutiveHttpFromGame()]);
  assert.deepEqual(rest, []);
  assert.ok(issue, 'expected one issue; got none');
  assert.equal(issue.summary, 'Consecutive HTTP: 5 calls, 2.4 s saveable in game');
  assert.equal(issue.type, 'Consecutive HTTP');
  assert.equal(issue.service, 'game');
  assert.equal(issue.offenders, 5);
  assert.ok(Math.abs(issue.ms - 4 * 605) < 1e-6, `expected 2420 ms saved; got ${issue.ms}`);
});

test('performance issues: a clean transaction gives none', () => {
  assert.deepEqual(findPerformanceIssues([cleanTransaction()]), []);
  assert.deepEqual(findPerformanceIssues([]), []);
});

test('performance issues: every transaction, in order; the service tag stands in for a missing server_name', () => {
  const { server_name: _name, ...untagged } = nPlusOneFromUsers();
  const tagged = { ...untagged, tags: { service: 'users' } };
  const issues = findPerformanceIssues([consecutiveHttpFromGame(), cleanTransaction(), tagged]);
  assert.deepEqual(
    issues.map((issue) => issue.summary),
    ['Consecutive HTTP: 5 calls, 2.4 s saveable in game', 'N+1 Query: 200 repeated statements in users'],
  );
});
