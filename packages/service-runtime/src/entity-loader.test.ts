import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphQLError } from 'graphql';
import { dependencyFailure, isConnectionFailure } from './dependency-failure.js';
import { entityLoader, relationLoader } from './entity-loader.js';
import { loadForArgument, NotFoundError } from './not-found-error.js';

interface Row {
  id: number;
  name: string;
}

/** What pg rejects with when nothing listens on the database's port. */
function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
}

/** What the PostgreSQL server answers a statement it cannot run, as pg reports it. */
function sqlError(): Error {
  return Object.assign(new Error('column "nmae" does not exist'), { code: '42703', severity: 'ERROR' });
}

const codeOf = (error: unknown) => (error as GraphQLError).extensions?.['code'];

test('a key without a row is NOT_FOUND, and only that', async () => {
  const loader = entityLoader<number, Row>(
    'player',
    async () => [{ id: 1, name: 'Ada' }],
    (row) => row.id,
    'users database',
  );
  assert.deepEqual(await loader.load(1), { id: 1, name: 'Ada' });
  await assert.rejects(loader.load(2), (error: unknown) => {
    assert.ok(error instanceof NotFoundError);
    assert.equal(codeOf(error), 'NOT_FOUND');
    assert.equal((error as Error).message, 'no player with id 2');
    return true;
  });
  await assert.rejects(loadForArgument(loader, 3, 'id'), (error: unknown) => {
    assert.ok(error instanceof NotFoundError);
    assert.deepEqual((error as GraphQLError).extensions, { code: 'NOT_FOUND', argument: 'id' });
    return true;
  });
});

test('a batch function that cannot reach its database is UPSTREAM_UNAVAILABLE naming it, never NOT_FOUND', async () => {
  const loader = entityLoader<number, Row>(
    'player',
    async () => {
      throw connectionRefused();
    },
    (row) => row.id,
    'users database',
  );
  for (const attempt of [loader.load(1), loadForArgument(loader, 2, 'id')]) {
    await assert.rejects(attempt, (error: unknown) => {
      assert.ok(!(error instanceof NotFoundError));
      assert.equal(codeOf(error), 'UPSTREAM_UNAVAILABLE');
      assert.equal((error as Error).message, 'the users database is unavailable; try again shortly');
      assert.equal((error as GraphQLError).extensions['dependency'], 'users database');
      assert.match(((error as GraphQLError).originalError as Error).message, /ECONNREFUSED/, 'the cause is kept for logs and Sentry');
      return true;
    });
  }
});

test('a batch function whose statement fails is INTERNAL_SERVER_ERROR, without the database error in the message', async () => {
  const loader = entityLoader<number, Row>(
    'game',
    async () => {
      throw sqlError();
    },
    (row) => row.id,
    'game database',
  );
  await assert.rejects(loader.load(1), (error: unknown) => {
    assert.equal(codeOf(error), 'INTERNAL_SERVER_ERROR');
    assert.equal((error as Error).message, 'the game database failed to answer');
    return true;
  });
  const relations = relationLoader<number, Row>(
    async () => {
      throw connectionRefused();
    },
    (row) => row.id,
    'users database',
  );
  await assert.rejects(relations.load(1), (error: unknown) => codeOf(error) === 'UPSTREAM_UNAVAILABLE');
});

test('connection failures are told from errors the dependency answered with', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  for (const error of [
    connectionRefused(),
    pgError('57P01', 'terminating connection due to administrator command'),
    pgError('3D000', 'database "game" does not exist'),
    pgError('08006'),
    pgError('53300', 'sorry, too many clients already'),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
    new AggregateError([connectionRefused()], ''),
    new Error('query failed', { cause: connectionRefused() }),
  ]) {
    assert.equal(isConnectionFailure(error), true, error.message);
  }
  for (const error of [sqlError(), pgError('23505', 'duplicate key value'), new TypeError('x is undefined'), 'not an error', undefined]) {
    assert.equal(isConnectionFailure(error), false, String(error));
  }
});

test('an error that already has a code passes through unchanged', () => {
  const notFound = new NotFoundError('game', 'poker');
  assert.equal(dependencyFailure('game database', notFound), notFound);
  const coded = new GraphQLError('payment declined', { extensions: { code: 'PAYMENT_DECLINED' } });
  assert.equal(dependencyFailure('game database', coded), coded);
});
