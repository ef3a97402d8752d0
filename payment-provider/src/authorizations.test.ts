import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuthorizationBook } from './authorizations.js';

test('a repeated idempotency key returns the first hold and makes no new one', () => {
  const book = new AuthorizationBook();
  const first = book.authorize('bet-1234', 7, 500);
  const again = book.authorize('bet-1234', 7, 500);
  assert.equal(first.replayed, false);
  assert.equal(again.replayed, true);
  assert.equal(again.authorization.id, first.authorization.id);
  assert.equal(book.count, 1);
  assert.equal(book.void(first.authorization.id)?.status, 'voided');
});
