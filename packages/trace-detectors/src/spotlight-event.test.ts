import assert from 'node:assert/strict';
import { test } from 'node:test';
import { transactionsFromSpotlightEvent } from './spotlight-event.js';
import { consecutiveHttpFromGame } from './test-transactions.js';

/** The `data` of one `GET /stream` event as the Spotlight sidecar (4.x) writes it: its parsed envelope. */
function spotlightEventData(items: [unknown, unknown][]): string {
  const envelopeHeader = {
    event_id: '6f1c2b9a0d4e4c1f9a7b3e2d1c0b9a8f',
    sent_at: '2026-11-29T12:00:00.123Z',
    sdk: { name: 'sentry.javascript.node', version: '11.0.0' },
    trace: {
      environment: 'development',
      public_key: 'spotlight',
      trace_id: 't',
      sample_rate: '1',
      transaction: 'POST /graphql',
      sampled: 'true',
    },
    __spotlight_envelope_id: '019ad2b4-5c3e-7f00-8a1b-2c3d4e5f6a7b',
    __spotlight_inferred_source: 'server',
  };
  return JSON.stringify([envelopeHeader, items]);
}

test('spotlight: the transaction items of the event, not its other items', () => {
  const game = consecutiveHttpFromGame();
  const data = spotlightEventData([
    [{ type: 'transaction' }, game],
    // An error event has a trace context too; only the item type tells it apart.
    [{ type: 'event' }, { ...game, type: 'event', level: 'error', exception: { values: [{ type: 'Error', value: 'boom' }] } }],
    [{ type: 'client_report' }, { timestamp: 1, discarded_events: [], type: 'client_report' }],
  ]);
  assert.deepEqual(transactionsFromSpotlightEvent(data), [game]);
});

test('spotlight: malformed input gives no transactions, never an exception', () => {
  for (const data of [
    '',
    'not json',
    '{}',
    'null',
    '[]',
    '[{}]',
    '[{}, {}]',
    '[{}, [1, "x", null, []]]',
    '[{}, [[{"type":"transaction"}, null]]]',
  ]) {
    assert.deepEqual(transactionsFromSpotlightEvent(data), [], `for ${JSON.stringify(data)}`);
  }
  const unreadable = spotlightEventData([
    [{ type: 'transaction' }, { transaction: 'no trace context', spans: [] }],
    [{ type: 'transaction' }, '{"not":"parsed"}'],
    [null, consecutiveHttpFromGame()],
  ]);
  assert.deepEqual(transactionsFromSpotlightEvent(unreadable), []);
});
