import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphQLError } from 'graphql';
import { MongoNetworkError, MongoServerError, MongoServerSelectionError, MongoNetworkTimeoutError } from 'mongodb';
import { badUserInput } from '@trace-arcade/service-runtime';
import { fromMongo } from './database.js';

/** As the driver's own PoolClearedError: a MongoNetworkError subclass under another name. */
class PoolClearedError extends MongoNetworkError {
  override get name(): string {
    return 'MongoPoolClearedError';
  }
}

const shape = (error: unknown) => {
  assert.ok(error instanceof GraphQLError);
  return { message: error.message, extensions: error.extensions };
};

test('MongoDB out of reach is UPSTREAM_UNAVAILABLE naming the analytics database, nothing of the driver in the message', () => {
  const unreachable = [
    new MongoServerSelectionError('Server selection timed out after 2000 ms', { error: undefined } as never),
    new MongoNetworkError('connection 3 to 127.0.0.1:27018 closed'),
    new MongoNetworkTimeoutError('connection 4 to 127.0.0.1:27018 timed out'),
    new PoolClearedError('Connection pool for 127.0.0.1:27018 was cleared because another operation failed'),
  ];
  for (const cause of unreachable) {
    const error = fromMongo(cause);
    assert.deepEqual(shape(error), {
      message: 'the analytics database is unavailable; try again shortly',
      extensions: { code: 'UPSTREAM_UNAVAILABLE', dependency: 'analytics database' },
    });
    assert.equal((error as GraphQLError).originalError, cause, 'the cause stays for the logs and Sentry');
  }
});

test('a MongoDB that answers with an error is INTERNAL_SERVER_ERROR naming it; anything else passes through', () => {
  const refused = fromMongo(new MongoServerError({ errmsg: 'unknown operator: $sett', code: 2 }));
  assert.deepEqual(shape(refused), {
    message: 'the analytics database failed to answer',
    extensions: { code: 'INTERNAL_SERVER_ERROR', dependency: 'analytics database' },
  });
  const bug = new TypeError('x is undefined');
  assert.equal(fromMongo(bug), bug);
  const answer = badUserInput('days', 'a whole number', -1);
  assert.equal(fromMongo(answer), answer);
});
