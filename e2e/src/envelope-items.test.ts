import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envelopeItems } from './envelope-items.js';

test('items framed by length (counted in UTF-8 bytes) and by line, after the envelope header', () => {
  const sized = '{"name":"é\\n"}';
  const text = [
    '{"event_id":"1"}',
    `{"type":"event","length":${Buffer.byteLength(sized)}}`,
    sized,
    '{"type":"transaction"}',
    '{"a":1}',
    '',
  ].join('\n');
  assert.deepEqual(envelopeItems(text), [
    { header: { type: 'event', length: Buffer.byteLength(sized) }, payload: sized },
    { header: { type: 'transaction' }, payload: '{"a":1}' },
  ]);
});

test('stops at an item whose header is not JSON', () => {
  const text = ['{}', '{"type":"event"}', '{"x":1}', 'not json', '{"type":"event"}', '{"x":2}'].join('\n');
  assert.deepEqual(envelopeItems(text), [{ header: { type: 'event' }, payload: '{"x":1}' }]);
});
