import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, percentile } from './stats.js';

test('nearest-rank percentiles', () => {
  const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
  assert.equal(median(samples), 5);
  assert.equal(percentile(samples, 95), 10);
  assert.equal(percentile(samples, 10), 1);
  assert.equal(percentile([42], 99), 42);
});

test('no samples is an error that says so', () => {
  assert.throws(() => median([]), /expected at least one sample; got none/);
});
