import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentile, percentileOfSamples } from './percentile.js';

test('percentile is the nearest rank', () => {
  const values = Array.from({ length: 20 }, (_, index) => index + 1);
  assert.equal(percentile(values, 50), 10);
  assert.equal(percentile(values, 95), 19);
  assert.equal(percentile(values, 100), 20);
  assert.equal(percentile([7], 95), 7);
  assert.equal(percentile([], 50), null);
});

test('nearest-rank percentiles of unsorted values', () => {
  const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
  assert.equal(percentile(samples, 50), 5);
  assert.equal(percentile(samples, 95), 10);
  assert.equal(percentile(samples, 10), 1);
  assert.equal(percentile([42], 99), 42);
});

test('percentileOfSamples: the same rank, and no samples is an error that says so', () => {
  assert.equal(percentileOfSamples([5, 1, 4, 2, 3, 10, 9, 8, 7, 6], 50), 5);
  assert.throws(() => percentileOfSamples([], 50), /expected at least one sample; got none/);
});
