import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSummary } from './summary-table.js';

test('the summary is an aligned table, followed by the first error of each failing row', () => {
  const table = formatSummary([
    { scenario: 'n-plus-one', mode: 'slow', count: 120, errors: 1, refused: 7, p50Ms: 512.4, p95Ms: 1034.6, firstError: 'HTTP 500' },
    { scenario: 'n-plus-one', mode: 'fixed', count: 120, errors: 0, refused: 0, p50Ms: 41.5, p95Ms: 80 },
    {
      scenario: 'cpu-rng',
      mode: 'slow',
      count: 3,
      errors: 3,
      refused: 0,
      p50Ms: null,
      p95Ms: null,
      firstError: 'no answer within 30000 ms',
    },
  ]);
  assert.equal(
    table,
    [
      'scenario    mode   count  errors  refused  p50 ms  p95 ms',
      'n-plus-one  slow     120       1        7     512    1035',
      'n-plus-one  fixed    120       0        0      42      80',
      'cpu-rng     slow       3       3        0       -       -',
      '',
      'n-plus-one=slow: first error: HTTP 500',
      'cpu-rng=slow: first error: no answer within 30000 ms',
    ].join('\n'),
  );
});
