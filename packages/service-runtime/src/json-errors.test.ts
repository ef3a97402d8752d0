import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { badRequestBody } from './json-errors.js';

test('a body that does not match names each field, what was expected and what arrived', () => {
  const schema = z.object({ playerId: z.number().int().positive(), amountCents: z.number().int().positive() });
  const body = { playerId: -1 };
  const parsed = schema.safeParse(body);
  assert.equal(parsed.success, false);
  const answer = badRequestBody(parsed.error, body);
  assert.equal(answer.code, 'BAD_REQUEST');
  assert.match(
    answer.message,
    /^request body: playerId: Too small: expected number to be >0; amountCents: .*expected number.*; got \{"playerId":-1\}$/,
  );
});
