import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleDecision, tracesSampler } from './sampling.js';

test('a request with a sampled parent is traced whatever the rate', () => {
  assert.equal(sampleDecision({ parentSampled: true }, 0), true);
  assert.equal(sampleDecision({ parentSampled: true }, 0.1), true);
});

test('a request with an unsampled parent stays unsampled whatever the rate', () => {
  assert.equal(sampleDecision({ parentSampled: false }, 1), false);
});

test('a request without a parent decision is sampled at the configured rate', () => {
  assert.equal(sampleDecision({}, 0), 0);
  assert.equal(sampleDecision({}, 0.1), 0.1);
  assert.equal(sampleDecision({ parentSampled: undefined }, 1), 1);
});

test('tracesSampler closes over the rate', () => {
  const sampler = tracesSampler(0.25);
  assert.equal(sampler({}), 0.25);
  assert.equal(sampler({ parentSampled: true }), true);
});
