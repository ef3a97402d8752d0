import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sendUnit } from './send-unit.js';

test('sendUnit sends every request of the unit, never more than its concurrency at once', async () => {
  let inFlight = 0;
  let most = 0;
  let sent = 0;
  const results = await sendUnit({ requests: 8, concurrency: 3 }, async () => {
    const index = sent++;
    most = Math.max(most, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    return index;
  });
  assert.deepEqual(
    [...results].sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5, 6, 7],
  );
  assert.equal(most, 3);
  assert.deepEqual(await sendUnit({ requests: 2, concurrency: 1 }, async () => 'one at a time'), ['one at a time', 'one at a time']);
});
