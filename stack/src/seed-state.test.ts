/** The seeding decision of `npm start`: a data set recorded as seeded, and still there, is not seeded again. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { GAME_CATALOG } from '@trace-arcade/seed-data';
import { readSeedRecord, seedRecord, servicesToSeed, writeSeedRecord, type SeedEvidence, type SeedTarget } from './seed-state.js';

const size = { players: 1000, rounds: 200_000 };
const target: SeedTarget = {
  databases: {
    usersDatabaseUrl: 'postgres://postgres:secret@127.0.0.1:5433/trace_arcade_users',
    gameDatabaseUrl: 'postgres://postgres:secret@127.0.0.1:5433/trace_arcade_game',
    mongoUrl: 'mongodb://127.0.0.1:27018',
    mongoDatabase: 'trace_arcade_analytics',
  },
  mongoSource: 'standin',
  mongoDataDir: '/data/mongo',
  standInPersistent: true,
};
const allThere: SeedEvidence = { users: { players: 1000, rounds: 200_000 }, games: GAME_CATALOG.length, mongoDataPresent: true };

test('a second start on the same, complete data set seeds nothing', () => {
  const record = seedRecord(target, size);
  assert.deepEqual(servicesToSeed(record, seedRecord(target, size), allThere, size), []);
});

test('without a record (first start) every service is seeded', () => {
  assert.deepEqual(servicesToSeed(undefined, seedRecord(target, size), allThere, size), ['game', 'users', 'analytics']);
});

test('another data set (size) seeds every service again', () => {
  const record = seedRecord(target, size);
  const bigger = { players: 5000, rounds: 200_000 };
  assert.deepEqual(servicesToSeed(record, seedRecord(target, bigger), allThere, bigger), ['game', 'users', 'analytics']);
});

test('only the part that is missing is seeded: rows gone, MongoDB data file gone, other databases', () => {
  const record = seedRecord(target, size);
  const expected = seedRecord(target, size);
  assert.deepEqual(servicesToSeed(record, expected, { ...allThere, users: { players: 1000, rounds: 10 } }, size), ['users']);
  assert.deepEqual(servicesToSeed(record, expected, { ...allThere, games: 0 }, size), ['game']);
  assert.deepEqual(servicesToSeed(record, expected, { ...allThere, mongoDataPresent: false }, size), ['analytics']);
  const otherMongo = seedRecord({ ...target, mongoSource: 'mongod' }, size);
  assert.deepEqual(servicesToSeed(record, otherMongo, allThere, size), ['analytics']);
});

test('the stand-in in memory starts empty: only analytics is seeded again, PostgreSQL is kept', () => {
  const inMemory = { ...target, standInPersistent: false };
  const record = seedRecord(inMemory, size);
  assert.deepEqual(servicesToSeed(record, seedRecord(inMemory, size), { ...allThere, mongoDataPresent: false }, size), ['analytics']);
  // Switching between memory and file is another MongoDB.
  assert.deepEqual(servicesToSeed(record, seedRecord(target, size), allThere, size), ['analytics']);
});

test('a MongoDB from MONGO_URL is always left to the analytics seed, which counts the documents itself', () => {
  const external = { ...target, mongoSource: 'url' as const };
  const record = seedRecord(external, size);
  assert.deepEqual(servicesToSeed(record, seedRecord(external, size), { ...allThere, mongoDataPresent: undefined }, size), ['analytics']);
});

test('the record keeps no password and is read back as written', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'seed-state-'));
  try {
    const record = seedRecord(target, size, new Date('2026-11-29T00:00:00Z'));
    assert.doesNotMatch(JSON.stringify(record), /secret/);
    await writeSeedRecord(path.join(dataDir, 'fresh'), record);
    assert.deepEqual(await readSeedRecord(path.join(dataDir, 'fresh')), record);
    assert.equal(await readSeedRecord(path.join(dataDir, 'absent')), undefined);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
