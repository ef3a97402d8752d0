import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, round } from './stats.js';

test('the median is the nearest-rank 50th percentile; no samples is an error that says so', { timeout: 5_000 }, () => {
  assert.equal(median([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]), 5);
  assert.equal(median([3, 1, 2]), 2);
  assert.throws(() => median([]), /expected at least one sample; got none/);
});

test('round keeps the digits asked for', { timeout: 5_000 }, () => {
  assert.equal(round(12.345), 12.3);
  assert.equal(round(12.345, 2), 12.35);
  assert.equal(round(7), 7);
});
