import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectConsecutiveHttp } from './consecutive-http.js';
import { span, transaction } from './test-transactions.js';

test('consecutive HTTP: three 700 ms calls one after another are flagged; in parallel they are not', () => {
  const sequential = [0, 1, 2, 3].map((i) => span('http.client', `POST http://pay/v1/check-${i}`, i * 710, i * 710 + 700));
  assert.equal(detectConsecutiveHttp(transaction(sequential)).length, 1);
  const parallel = [0, 1, 2, 3].map((i) => span('http.client', `POST http://pay/v1/check-${i}`, 0, 700));
  assert.equal(detectConsecutiveHttp(transaction(parallel)).length, 0);
});

test('consecutive HTTP: four 600 ms calls save only 1800 ms, under the 2000 ms threshold', () => {
  const four = [0, 1, 2, 3].map((i) => span('http.client', `POST http://pay/v1/check-${i}`, i * 610, i * 610 + 600));
  assert.equal(detectConsecutiveHttp(transaction(four)).length, 0);
  const five = [0, 1, 2, 3, 4].map((i) => span('http.client', `POST http://pay/v1/check-${i}`, i * 610, i * 610 + 600));
  assert.equal(detectConsecutiveHttp(transaction(five)).length, 1);
});

test('consecutive HTTP: calls to three or more hosts are not flagged', () => {
  const threeHosts = [0, 1, 2, 3, 4].map((i) => span('http.client', `POST http://pay-${i % 3}/v1/check`, i * 610, i * 610 + 600));
  assert.equal(detectConsecutiveHttp(transaction(threeHosts)).length, 0);
});

test('consecutive HTTP: relative URLs (as browser SDKs send) count as one host and do not throw', () => {
  const relative = [0, 1, 2, 3, 4].map((i) => span('http.client', `GET /api/check-${i}`, i * 610, i * 610 + 600));
  const [problem, ...rest] = detectConsecutiveHttp(transaction(relative));
  assert.deepEqual(rest, []);
  assert.ok(problem, 'expected one problem; got none');
  assert.equal(problem.offenders, 5);
  assert.equal(problem.description, 'GET /api/check-0');
  assert.ok(Math.abs(problem.ms - 2400) < 1e-6, `expected 2400 ms saved; got ${problem.ms}`);
});

test('consecutive HTTP: calls are visited in the order the event carries them, not sorted by start time', () => {
  const calls = [0, 1, 2, 3, 4].map((i) => span('http.client', `POST http://pay/v1/check-${i}`, i * 610, i * 610 + 600));
  assert.equal(detectConsecutiveHttp(transaction(calls)).length, 1);
  // Carried last call first: each call then starts before the one visited before it ends, which breaks the run.
  assert.deepEqual(detectConsecutiveHttp(transaction([...calls].reverse())), []);
});
