import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScenarioSelection, scenarioDefaults } from '@trace-arcade/scenarios';
import { RequestCost, type RequestScope } from '@trace-arcade/service-runtime';
import { roundIdFor } from '../bet-keys.js';
import { createBetDatabase, type GameDb } from '../database.js';
import { claimNewBet, findBetByIdempotencyKey, type BetDraw } from '../repositories/bets.js';
import { createTestDatabase, silentLog } from '../test-database.js';
import { chargeAndSaveBet } from './pool-exhaustion.js';

let db: GameDb;
let betDb: GameDb;
let drop: () => Promise<void>;
before(async () => {
  let url: string;
  ({ db, url, drop } = await createTestDatabase());
  betDb = createBetDatabase(url, { size: 1, timeoutMs: 5_000 }, silentLog);
});
after(async () => {
  await betDb?.destroy();
  await drop?.();
});

const scope = (mode: 'slow' | 'fixed'): RequestScope => ({
  scenarios: new ScenarioSelection(scenarioDefaults(undefined), `pool-exhaustion=${mode}`),
  cost: new RequestCost({}),
});
const draw: BetDraw = { won: true, payoutCents: 196, draw: '71', outcome: 'over 50: 71' };

async function claimedBet(key: string) {
  const token = randomUUID();
  const request = { idempotencyKey: key, roundId: roundIdFor(key), playerId: 7, gameId: 'dice-classic', betCents: 100, choice: 'over:50' };
  assert.ok(await claimNewBet(db, request, token));
  return { key, token };
}

/** Whether another query gets the bet pool's one connection within 200 ms; `query` ends once it got it. */
async function tryThePool(): Promise<{ free: boolean; query: Promise<unknown> }> {
  const query = betDb.selectFrom('games').select('id').execute();
  return { free: await Promise.race([query.then(() => true), sleep(200).then(() => false)]), query };
}

for (const mode of ['slow', 'fixed'] as const) {
  test(`${mode}: the charge's hold and draw are kept on the claimed row`, async () => {
    const bet = await claimedBet(`unit-pool-${mode}-01`);
    const saved = await chargeAndSaveBet(scope(mode), betDb, bet, { charge: async () => 'auth_1', draw: () => draw });
    assert.deepEqual(saved, draw);
    const row = await findBetByIdempotencyKey(db, bet.key);
    assert.deepEqual([row?.authorizationId, row?.draw, row?.payoutCents], ['auth_1', '71', 196]);
  });
}

test("slow holds the bet pool's connection while the payment provider answers; fixed holds none", async () => {
  const seen: Record<string, boolean> = {};
  for (const mode of ['slow', 'fixed'] as const) {
    const bet = await claimedBet(`unit-pool-${mode}-02`);
    let other: Promise<unknown> = Promise.resolve();
    await chargeAndSaveBet(scope(mode), betDb, bet, {
      charge: async () => {
        const attempt = await tryThePool();
        seen[mode] = attempt.free;
        other = attempt.query; // the slow transaction gives the connection back after the charge
        return 'auth_2';
      },
      draw: () => draw,
    });
    await other;
  }
  assert.deepEqual(seen, { slow: false, fixed: true });
});

test('a lost claim saves nothing; slow finds out before charging, fixed after', async () => {
  for (const mode of ['slow', 'fixed'] as const) {
    const bet = await claimedBet(`unit-pool-${mode}-03`);
    let charged = false;
    const saved = await chargeAndSaveBet(
      scope(mode),
      betDb,
      { ...bet, token: randomUUID() },
      {
        charge: async () => {
          charged = true;
          return 'auth_3';
        },
        draw: () => draw,
      },
    );
    assert.equal(saved, undefined);
    assert.equal(charged, mode === 'fixed');
    assert.equal((await findBetByIdempotencyKey(db, bet.key))?.authorizationId, null);
  }
});
