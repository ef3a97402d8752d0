/**
 * With MONGO_STANDIN_PERSIST=true the MongoDB stand-in keeps its data in its data folder (mongo-java-server's H2 backend): what was
 * written before a stop (SIGTERM, as Ctrl-C on `npm start` sends) is there after the next start,
 * indexes included, and the aggregation stages the analytics subgraph uses work on it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { MongoClient } from 'mongodb';
import { freePort, ProcessGroup, provideMongo } from '@trace-arcade/stack';

const hasJava = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

test('the stand-in finds its data, indexes included, again after a stop and a start', { skip: !hasJava && 'needs Java' }, async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'standin-persist-'));
  const group = new ProcessGroup(
    () => undefined,
    () => undefined,
  );
  const port = await freePort();
  const start = () => provideMongo({ url: undefined, server: 'standin', port, dataDir, standInPersistent: true }, group, () => undefined);
  try {
    let mongo = await start();
    let client = await MongoClient.connect(mongo.url);
    const rounds = () => client.db('persist').collection<{ _id: string; playerId: number; betCents: number; gameId: string }>('rounds');
    await rounds().createIndexes([{ key: { playerId: 1, gameId: 1 }, name: 'playerId_gameId' }]);
    await rounds().insertMany(
      Array.from({ length: 500 }, (_, i) => ({ _id: `r${i}`, playerId: i % 5, betCents: 100 + i, gameId: i % 2 ? 'dice' : 'slots' })),
    );
    await client.close();
    await group.stop('mongo-standin');
    assert.ok(existsSync(path.join(dataDir, 'standin.mv.db')), 'the data file is in the data folder');

    mongo = await start();
    client = await MongoClient.connect(mongo.url);
    try {
      assert.equal(await rounds().countDocuments(), 500, 'every document is there again');
      assert.deepEqual(await rounds().findOne({ _id: 'r7' }), { _id: 'r7', playerId: 2, betCents: 107, gameId: 'dice' });
      const indexes = (await rounds().indexes()).map((index) => index.name).sort();
      assert.deepEqual(indexes, ['_id_', 'playerId_gameId']);
      // A duplicate id is still refused: the unique _id index came back with the data.
      await assert.rejects(rounds().insertOne({ _id: 'r7', playerId: 0, betCents: 1, gameId: 'dice' }), /duplicate key/);
      // The stages the analytics pipelines use: $match, $group with $sum, $sort, $limit.
      const top = await rounds()
        .aggregate([
          { $match: { gameId: 'dice' } },
          { $group: { _id: '$playerId', wagered: { $sum: '$betCents' }, rounds: { $sum: 1 } } },
          { $sort: { wagered: -1, _id: 1 } },
          { $limit: 2 },
        ])
        .toArray();
      assert.deepEqual(top, [
        { _id: 4, wagered: 17_700, rounds: 50 },
        { _id: 2, wagered: 17_600, rounds: 50 },
      ]);
    } finally {
      await client.close();
    }
  } finally {
    await group.stopAll();
    await rm(dataDir, { recursive: true, force: true });
  }
});
