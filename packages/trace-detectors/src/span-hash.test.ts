import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spanHash } from './span-hash.js';
import { span } from './test-transactions.js';

test('span hash: literals and placeholders fold, so one statement with other parameters hashes alike', () => {
  const hash = (description: string) => spanHash(span('db', description, 0, 1));
  assert.equal(hash(`select * from "rounds" where id = 7 and name = 'x'`), 'db:select * from "rounds" where id = ? and name = ?');
  assert.equal(hash('select * from "rounds" where id = $1'), hash('select * from "rounds" where id = 42'));
  assert.equal(hash('select * from "rounds" where id in ($1, $2, $3)'), 'db:select * from "rounds" where id in (?)');
  assert.notEqual(hash('select * from "rounds"'), hash('select * from "players"'));
  assert.equal(spanHash({ ...span('db', '', 0, 1), description: undefined }), undefined);
});
