import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wholeNumber } from './env-number.js';

test('unset or empty: the fallback; a whole number in range: that number', () => {
  assert.equal(wholeNumber({}, 'N', 7, 1, 10), 7);
  assert.equal(wholeNumber({ N: '' }, 'N', 7, 1, 10), 7);
  assert.equal(wholeNumber({ N: '10' }, 'N', 7, 1, 10), 10);
  assert.equal(wholeNumber({ N: '1' }, 'N', 7, 1, 10), 1);
});

test('out of range, a fraction or not a number: an error naming the variable and what arrived', () => {
  assert.throws(() => wholeNumber({ N: '11' }, 'N', 7, 1, 10), /^Error: N: expected a whole number from 1 to 10; got "11"$/);
  assert.throws(() => wholeNumber({ N: '0' }, 'N', 7, 1, 10), /got "0"/);
  assert.throws(() => wholeNumber({ N: '2.5' }, 'N', 7, 1, 10), /got "2.5"/);
  assert.throws(() => wholeNumber({ N: 'four' }, 'N', 7, 1, 10), /got "four"/);
});
