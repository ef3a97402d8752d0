import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { roundIdFor } from '../bet-keys.js';
import type { GameDb } from '../database.js';
import { migrationProvider } from '../migrations/index.js';
import { createTestDatabase } from '../test-database.js';
import { claimNewBet, findBetByIdempotencyKey, releaseBet, saveCharge, settleBet, takeOverBet, type BetRequest } from './bets.js';

let db: GameDb;
let drop: () => Promise<void>;
before(async () => {
  ({ db, drop } = await createTestDatabase());
});
after(() => drop?.());

const request = (key: string): BetRequest => ({
  idempotencyKey: key,
  roundId: roundIdFor(key),
  playerId: 7,
  gameId: 'dice-classic',
  betCents: 100,
  choice: 'over:50',
});
const draw = { won: true, payoutCents: 198, draw: 'rolled 73', outcome: 'win x1.98' };

test('of 10 requests claiming the same key at once, exactly one gets it', async () => {
  const claims = await Promise.all(Array.from({ length: 10 }, () => claimNewBet(db, request('bets-test-parallel'), randomUUID())));
  assert.equal(claims.filter(Boolean).length, 1);
  const bet = await findBetByIdempotencyKey(db, 'bets-test-parallel');
  assert.equal(bet?.status, 'pending');
  assert.equal(bet?.chargeAttempt, 1);
});

test('only the claim holder writes; a live claim is not taken over, a stale or released one is', async () => {
  const owner = randomUUID();
  const other = randomUUID();
  assert.equal(await claimNewBet(db, request('bets-test-claims'), owner), true);
  assert.equal(await saveCharge(db, 'bets-test-claims', other, 'auth_x', draw), false, 'a stranger cannot write');
  assert.equal(await takeOverBet(db, 'bets-test-claims', other, 60_000), undefined, 'a live claim stays');
  assert.equal(await saveCharge(db, 'bets-test-claims', owner, 'auth_1', draw), true);

  // Released without a void: the next attempt replays the same hold and draw.
  await releaseBet(db, 'bets-test-claims', owner, false);
  const taken = await takeOverBet(db, 'bets-test-claims', other, 60_000);
  assert.equal(taken?.status, 'pending');
  assert.equal(taken?.chargeAttempt, 1);
  assert.deepEqual([taken?.authorizationId, taken?.draw, taken?.payoutCents], ['auth_1', 'rolled 73', 198]);
  assert.equal(await saveCharge(db, 'bets-test-claims', owner, 'auth_1', draw), false, 'the first owner lost its claim');

  // The new owner dies: after the stale time a third request takes over.
  await sql`update bets set claimed_at = now() - interval '2 minutes' where idempotency_key = 'bets-test-claims'`.execute(db);
  const third = randomUUID();
  assert.ok(await takeOverBet(db, 'bets-test-claims', third, 60_000), 'a stale claim is taken over');

  // Released after a void: a new payment key, and the draw is made again.
  await releaseBet(db, 'bets-test-claims', third, true);
  const fresh = await findBetByIdempotencyKey(db, 'bets-test-claims');
  assert.deepEqual(
    [fresh?.status, fresh?.chargeAttempt, fresh?.authorizationId, fresh?.draw, fresh?.claimAgeMs],
    ['open', 2, null, null, null],
  );

  const last = randomUUID();
  assert.ok(await takeOverBet(db, 'bets-test-claims', last, 60_000));
  assert.equal(await saveCharge(db, 'bets-test-claims', last, 'auth_2', draw), true);
  assert.equal(await settleBet(db, 'bets-test-claims', last, { ...draw, balanceCents: 5_098 }), true);
  const settled = await findBetByIdempotencyKey(db, 'bets-test-claims');
  assert.equal(settled?.status, 'settled');
  assert.equal(settled?.balanceCents, 5_098);
  assert.equal(await takeOverBet(db, 'bets-test-claims', randomUUID(), 0), undefined, 'a settled bet is never taken over');
});

test('a settled bet needs its whole result; the migration goes down and up again', async () => {
  await assert.rejects(
    sql`update bets set status = 'settled', claim_token = null where idempotency_key = 'bets-test-parallel'`.execute(db),
    /bets_settled_result/,
  );
  const migrator = new Migrator({ db, provider: migrationProvider });
  const down = await migrator.migrateDown();
  assert.equal(down.error, undefined, String(down.error));
  const settled = await sql<{ count: string }>`select count(*) from bets`.execute(db);
  assert.equal(settled.rows[0]?.count, '1', 'the settled bet is kept, the pending one dropped');
  const up = await migrator.migrateToLatest();
  assert.equal(up.error, undefined, String(up.error));
  assert.equal((await findBetByIdempotencyKey(db, 'bets-test-claims'))?.status, 'settled');
});
