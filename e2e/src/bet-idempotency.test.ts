import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startTestStack, type TestStack } from './test-stack.js';

const PLAY = `mutation Play($input: PlayRoundInput!) {
  playRound(input: $input) { won payoutCents draw balanceCents round { id betCents payoutCents outcome } }
}`;

interface PlayedRound {
  won: boolean;
  payoutCents: number;
  draw: string;
  balanceCents: number;
  round: { id: string; betCents: number; payoutCents: number; outcome: string };
}

interface BetInput {
  playerId: string;
  gameId: string;
  betCents: number;
  choice?: string;
  idempotencyKey: string;
}

describe('a bet is charged once, whatever the retries', () => {
  let stack: TestStack;
  let users: pg.Client;
  let game: pg.Client;

  before(async () => {
    stack = await startTestStack({ players: 20, rounds: 200 });
    users = new pg.Client({ connectionString: stack.databases.usersDatabaseUrl });
    game = new pg.Client({ connectionString: stack.databases.gameDatabaseUrl });
    await Promise.all([users.connect(), game.connect()]);
  });
  after(async () => {
    await users?.end();
    await game?.end();
    await stack?.stop();
  });

  const play = (input: BetInput) => stack.graphql<{ playRound: PlayedRound }>(PLAY, { input });

  /** What the users subgraph holds for a player: the wallet and how many rounds its history has. */
  async function ledger(playerId: number) {
    const { rows } = await users.query<{ balance: number; rounds: string }>(
      'select w.balance_cents as balance, (select count(*) from rounds r where r.player_id = w.player_id) as rounds from wallets w where w.player_id = $1',
      [playerId],
    );
    return { balanceCents: rows[0]!.balance, rounds: Number(rows[0]!.rounds) };
  }

  async function recordedRound(id: string) {
    const { rows } = await users.query<{ payout_cents: number; outcome: string; bet_cents: number }>(
      'select payout_cents, outcome, bet_cents from rounds where id = $1',
      [id],
    );
    return rows;
  }

  /** How many authorization holds the payment provider has placed. */
  async function holds(): Promise<number> {
    const response = await fetch(`http://127.0.0.1:${stack.ports.paymentProvider}/v1/stats`);
    return ((await response.json()) as { authorizations: number }).authorizations;
  }

  test('10 identical requests at once: one round, one debit, one hold, the same answer for all', async () => {
    const before = await ledger(11);
    const holdsBefore = await holds();
    const input = { playerId: '11', gameId: 'dice-classic', betCents: 150, choice: 'over:50', idempotencyKey: 'e2e-parallel-bet-0001' };

    const answers = await Promise.all(Array.from({ length: 10 }, () => play(input)));

    for (const answer of answers) assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    const first = answers[0]!.data!.playRound;
    for (const answer of answers) assert.deepEqual(answer.data!.playRound, first, 'every request gets the same answer');
    const after = await ledger(11);
    assert.equal(after.rounds, before.rounds + 1, 'one round in the history');
    assert.equal(after.balanceCents, before.balanceCents - 150 + first.payoutCents, 'one debit');
    assert.equal(first.balanceCents, after.balanceCents);
    assert.equal(await holds(), holdsBefore + 1, 'one authorization hold');
    assert.deepEqual(await recordedRound(first.round.id), [
      { payout_cents: first.payoutCents, outcome: first.round.outcome, bet_cents: 150 },
    ]);
  });

  test('a retry after a failure between recording the history and storing the bet settles the recorded round', async () => {
    // The game database refuses the first write of a settled bet (one with its balance), once: the
    // failure lands after the users subgraph has recorded the round and debited the wallet.
    await game.query(`
      create sequence e2e_settle_attempts;
      create function e2e_fail_first_settle() returns trigger language plpgsql as $$
      begin
        if new.balance_cents is not null and nextval('e2e_settle_attempts') = 1 then
          raise exception 'injected failure: the bet could not be stored';
        end if;
        return new;
      end $$;
      create trigger e2e_fail_first_settle before insert or update on bets
        for each row execute function e2e_fail_first_settle();
    `);
    try {
      const before = await ledger(12);
      const holdsBefore = await holds();
      const input = { playerId: '12', gameId: 'roulette-eu', betCents: 200, choice: 'red', idempotencyKey: 'e2e-retried-bet-0001' };

      const failed = await play(input);
      const error = failed.errors?.[0];
      assert.ok(error, 'the first attempt fails');
      assert.notEqual(error.extensions?.['code'], 'NOT_FOUND');
      assert.ok(error.extensions?.['code'], 'the failure carries a code');
      const recorded = await ledger(12);
      assert.equal(recorded.rounds, before.rounds + 1, 'the history recorded the round before the failure');

      const retried = await play(input);
      assert.equal(retried.errors, undefined, JSON.stringify(retried.errors));
      const round = retried.data!.playRound;
      const after = await ledger(12);
      assert.equal(after.rounds, before.rounds + 1, 'the retry adds no round');
      assert.equal(after.balanceCents, recorded.balanceCents, 'the retry debits nothing more');
      assert.equal(round.balanceCents, after.balanceCents, 'the retry answers the balance the wallet saw');
      assert.deepEqual(await recordedRound(round.round.id), [
        { payout_cents: round.payoutCents, outcome: round.round.outcome, bet_cents: 200 },
      ]);
      assert.equal(round.won, round.payoutCents > 0);
      assert.equal(await holds(), holdsBefore + 1, 'one authorization hold');

      const again = await play(input);
      assert.deepEqual(again.data?.playRound, round, 'a later retry gets the same answer');
    } finally {
      await game.query(
        'drop trigger e2e_fail_first_settle on bets; drop function e2e_fail_first_settle(); drop sequence e2e_settle_attempts',
      );
    }
  });

  test('a key sent again with a different request is a coded error that says what was expected', async () => {
    const input = { playerId: '13', gameId: 'dice-classic', betCents: 100, choice: 'under:30', idempotencyKey: 'e2e-reused-key-0001' };
    const first = await play(input);
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    const before = await ledger(13);

    const reused = await play({ ...input, betCents: 200 });
    const error = reused.errors?.[0];
    assert.ok(error, 'a different amount under the same key is refused');
    assert.equal(error.extensions?.['code'], 'IDEMPOTENCY_KEY_REUSED');
    assert.match(
      error.message,
      /^input\.idempotencyKey: expected the same bet as the request first sent with this key; got a different input\.betCents/,
    );
    assert.doesNotMatch(error.message, /100|13|dice-classic|under:30/, "the answer tells nothing of the first bet's values");
    assert.deepEqual(error.extensions?.['differing'], ['input.betCents']);
    assert.deepEqual(await ledger(13), before, 'nothing was charged');
  });
});
