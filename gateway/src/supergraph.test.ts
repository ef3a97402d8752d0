import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SUPERGRAPH_FILE, composeSupergraph } from './supergraph.js';

test('the checked-in supergraph matches the subgraph schemas (run `npm run compose` if not)', () => {
  assert.equal(readFileSync(SUPERGRAPH_FILE, 'utf8'), composeSupergraph());
});
