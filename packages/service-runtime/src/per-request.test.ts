import assert from 'node:assert/strict';
import { test } from 'node:test';
import { perRequest } from './per-request.js';

test('perRequest creates a value once per scope and key, and never shares it between scopes', () => {
  const first = {};
  const second = {};
  let created = 0;
  const make = () => ({ id: ++created });
  const a = perRequest(first, 'loader', make);
  assert.equal(perRequest(first, 'loader', make), a, 'a second call of the same request gets the same value');
  assert.notEqual(perRequest(second, 'loader', make), a, 'another request gets its own');
  assert.notEqual(perRequest(first, 'other', make), a, 'another key gets its own');
  assert.equal(created, 3);
});
