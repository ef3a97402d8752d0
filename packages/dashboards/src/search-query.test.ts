import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSearchQuery, rowMatches, SearchQueryError } from './search-query.js';

const acquire = {
  'span.op': 'db.connection.acquire',
  'db.client.connection.pool.name': 'bet',
  'span.duration': 812,
  transaction: 'POST /graphql (mutation PoolExhaustion__game__0)',
};
const select = {
  'span.op': 'db',
  'db.system': 'postgresql',
  'span.duration': 1.5,
  transaction: 'POST /graphql (query NPlusOne__users__0)',
};

const matches = (query: string) => [acquire, select].filter((row) => rowMatches(parseSearchQuery(query), row));

test('an empty query matches every row', () => {
  assert.equal(matches('').length, 2);
});

test('key:value terms are ANDed; ! negates; a negated term on a missing key holds', () => {
  assert.deepEqual(matches('span.op:db db.system:postgresql'), [select]);
  assert.deepEqual(matches('span.op:db db.system:mongodb'), []);
  assert.deepEqual(matches('!span.op:db'), [acquire]);
  assert.deepEqual(matches('!db.system:postgresql'), [acquire]);
});

test('quoted values with wildcards, lists, comparisons and has:', () => {
  assert.deepEqual(matches('transaction:"POST /graphql (query NPlusOne__*"'), [select]);
  assert.deepEqual(matches('span.op:[db,cache.get]'), [select]);
  assert.deepEqual(matches('span.duration:>100'), [acquire]);
  assert.deepEqual(matches('span.duration:<=1.5'), [select]);
  assert.deepEqual(matches('has:db.system'), [select]);
  assert.deepEqual(matches('!has:db.system'), [acquire]);
});

test('what Sentry would read otherwise is refused with the term named', () => {
  assert.throws(() => parseSearchQuery('span.op:db OR span.op:http.client'), {
    name: 'SearchQueryError',
    message: 'search query: expected terms like key:value, !key:value, key:[a,b], key:>N or has:key, ANDed; got "OR"',
  });
  assert.throws(() => parseSearchQuery('slow'), SearchQueryError);
  assert.throws(() => parseSearchQuery('(span.op:db)'), SearchQueryError);
  assert.throws(() => parseSearchQuery('transaction:"POST /graphql'), { message: /expected a closing double quote/ });
  assert.throws(() => parseSearchQuery('span.op:'), { message: 'search query: expected a value after "span.op:"' });
  assert.throws(() => parseSearchQuery('span.op:[]'), { message: 'search query: expected at least one value in "span.op:[]"' });
});
