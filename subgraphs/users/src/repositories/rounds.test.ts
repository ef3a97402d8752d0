import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createLogger } from '@trace-arcade/service-runtime';
import { migrateToLatest } from '@trace-arcade/service-runtime/postgres-migrations';
import { createDatabase, type UsersDb } from '../database.js';
import { migrationProvider } from '../migrations/index.js';
import { recordRound, type NewRound } from './rounds.js';

const log = createLogger('users-test');
log.level = 'silent';

let db: UsersDb;
let admin: pg.Client;
const name = `users_test_${randomBytes(4).toString('hex')}`;

before(async () => {
  const serverUrl = process.env['TEST_POSTGRES_URL'];
  if (!serverUrl) throw new Error('TEST_POSTGRES_URL is not set: run the tests with `npm test`, which starts the database');
  admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  db = createDatabase(url.toString(), 4, log);
  await migrateToLatest(db as unknown as Kysely<unknown>, migrationProvider, log);
  await db
    .insertInto('players')
    .values({ id: 1, username: 'ada', displayName: 'Ada', country: 'GB', joinedAt: new Date('2026-01-01T00:00:00Z') })
    .execute();
  await db.insertInto('wallets').values({ playerId: 1, balanceCents: 1_000, currency: 'EUR' }).execute();
});
after(async () => {
  await db?.destroy();
  await admin?.query(`drop database "${name}" with (force)`);
  await admin?.end();
});

const round = (id: string, betCents: number, payoutCents: number): NewRound => ({
  id,
  playerId: 1,
  gameId: 'dice-classic',
  betCents,
  payoutCents,
  outcome: payoutCents > 0 ? 'win x2' : 'loss',
  playedAt: new Date('2026-11-29T12:00:00Z'),
});

test('a round recorded again is answered as first recorded, with the balance it left, and charges nothing', async () => {
  const first = round('00000000-0000-4000-8000-000000000001', 100, 0);
  assert.deepEqual(await recordRound(db, first), { status: 'recorded', round: first, balanceCents: 900 });
  const later = round('00000000-0000-4000-8000-000000000002', 100, 200);
  assert.deepEqual(await recordRound(db, later), { status: 'recorded', round: later, balanceCents: 1_000 });

  // The retry drew a win this time: the history keeps the loss it recorded, and the balance right after it.
  const retried = await recordRound(db, { ...first, payoutCents: 500, outcome: 'win x5', playedAt: new Date() });
  assert.deepEqual(retried, { status: 'duplicate', round: first, balanceCents: 900 });
  const wallet = await db.selectFrom('wallets').select('balanceCents').where('playerId', '=', 1).executeTakeFirstOrThrow();
  assert.equal(wallet.balanceCents, 1_000, 'the wallet moved once per round');
});

test('the same round sent 10 times at once is recorded once', async () => {
  const same = round('00000000-0000-4000-8000-000000000003', 10, 0);
  const answers = await Promise.all(Array.from({ length: 10 }, () => recordRound(db, same)));
  assert.equal(answers.filter((answer) => answer.status === 'recorded').length, 1);
  for (const answer of answers) assert.deepEqual(answer, { ...answer, round: same, balanceCents: 990 });
});

test('a round the wallet cannot cover and an unknown player are refused', async () => {
  assert.deepEqual(await recordRound(db, round('00000000-0000-4000-8000-000000000004', 5_000, 0)), {
    status: 'insufficient-funds',
    balanceCents: 990,
  });
  assert.deepEqual(await recordRound(db, { ...round('00000000-0000-4000-8000-000000000005', 10, 0), playerId: 2 }), {
    status: 'unknown-player',
  });
});
