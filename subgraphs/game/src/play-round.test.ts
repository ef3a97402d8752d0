import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import { sql } from 'kysely';
import { ScenarioSelection, scenarioDefaults } from '@trace-arcade/scenarios';
import { graphQLError, RequestCost } from '@trace-arcade/service-runtime';
import { roundIdFor } from './bet-keys.js';
import { createContext, type GameServices } from './context.js';
import type { GameDb } from './database.js';
import { PaymentClient, type Charge } from './payment-client.js';
import { playRound, type PlayRoundInput } from './play-round.js';
import { BetWaits } from './bet-waits.js';
import { claimNewBet, findBetByIdempotencyKey } from './repositories/bets.js';
import { RoundRecorder, type PlayedRoundRecord, type RecordedInHistory } from './round-recorder.js';
import { createTestDatabase, silentLog } from './test-database.js';

/** The payment provider's contract: a repeated idempotency key gets the first hold back, voided or not. */
class Provider extends PaymentClient {
  readonly holds = new Map<string, { id: string; status: 'approved' | 'voided' }>();
  readonly voided: string[] = [];
  /** Fails the next authorization as an unreachable provider. */
  failNextAuthorization = false;

  constructor() {
    super('http://127.0.0.1:1');
  }

  override fraudCheck = async () => ({ approved: true });
  override limitCheck = async () => ({ approved: true });
  override balanceCheck = async () => ({ approved: true });
  override identityCheck = async () => ({ approved: true });
  override authorize = async (charge: Charge) => {
    if (this.failNextAuthorization) {
      this.failNextAuthorization = false;
      throw graphQLError('UPSTREAM_UNAVAILABLE', 'payment provider did not answer: fetch failed');
    }
    let hold = this.holds.get(charge.idempotencyKey);
    if (!hold) this.holds.set(charge.idempotencyKey, (hold = { id: `auth_${this.holds.size + 1}`, status: 'approved' }));
    return { ...hold };
  };
  override void = async (id: string) => {
    for (const hold of this.holds.values()) if (hold.id === id) hold.status = 'voided';
    this.voided.push(id);
  };
}

const unreachable = () => graphQLError('UPSTREAM_UNAVAILABLE', 'users service did not answer: fetch failed', { service: 'users service' });

/** The users subgraph's contract: a round id is recorded once, and a repeat is answered with the round as recorded. */
class History extends RoundRecorder {
  readonly rounds = new Map<string, RecordedInHistory>();
  readonly analytics: string[] = [];
  balanceCents = 10_000;
  /** Fails the next call as an unreachable service: `before` recording the round, or `after` it. */
  fail: 'before' | 'after' | undefined;
  /** While set, recording waits for it. */
  gate: Promise<void> | undefined;

  constructor() {
    super('http://127.0.0.1:1', 'http://127.0.0.1:1', 'test-internal-api-token-of-32-characters');
  }

  override async recordInHistory(round: PlayedRoundRecord): Promise<RecordedInHistory> {
    await this.gate;
    if (this.fail === 'before') {
      this.fail = undefined;
      throw unreachable();
    }
    let recorded = this.rounds.get(round.id);
    if (!recorded) {
      if (this.balanceCents < round.betCents) throw graphQLError('INSUFFICIENT_FUNDS', `balance ${this.balanceCents}`);
      this.balanceCents += round.payoutCents - round.betCents;
      const { gameKind: _kind, ...entry } = round;
      recorded = { round: entry, balanceCents: this.balanceCents };
      this.rounds.set(round.id, recorded);
    }
    if (this.fail === 'after') {
      this.fail = undefined;
      throw unreachable();
    }
    return recorded;
  }

  /** Analytics answers as it does while its database is down. */
  analyticsDown = false;

  override async recordInAnalytics(round: PlayedRoundRecord): Promise<void> {
    if (this.analyticsDown) {
      throw graphQLError('UPSTREAM_UNAVAILABLE', 'the analytics service failed with HTTP 503', { dependency: 'analytics service' });
    }
    this.analytics.push(round.id);
  }
}

let db: GameDb;
let drop: () => Promise<void>;
let provider: Provider;
let history: History;
before(async () => {
  ({ db, drop } = await createTestDatabase());
});
after(() => drop?.());
beforeEach(() => {
  provider = new Provider();
  history = new History();
});

/** The process's one registry of waiting requests, shared by every request's context as in the service. */
const betWaits = new BetWaits();

/** One request's context, as the game subgraph builds it. */
function context(bets: Partial<GameServices['bets']> = {}) {
  const services: GameServices = {
    db,
    betDb: db,
    payments: provider,
    recorder: history,
    primeRngPrimes: 1,
    bets: { waitMs: 300, staleAfterMs: 60_000, ...bets },
    betWaits,
    log: silentLog,
  };
  const scenarios = new ScenarioSelection(scenarioDefaults(undefined), 'payment-latency=fixed,cpu-rng=fixed');
  return createContext(services, { scenarios, cost: new RequestCost({}) });
}

const bet = (idempotencyKey: string): PlayRoundInput => ({
  playerId: '7',
  gameId: 'dice-classic',
  betCents: 100,
  choice: 'over:50',
  idempotencyKey,
});
const codeOf = (error: unknown) => (error instanceof GraphQLError ? error.extensions['code'] : undefined);

test('the history did not answer after recording the round: the hold stays, and the retry settles the recorded round', async () => {
  history.fail = 'after';
  await assert.rejects(playRound(bet('unit-history-lost-01'), context()), (error) => codeOf(error) === 'UPSTREAM_UNAVAILABLE');
  assert.deepEqual(provider.voided, [], 'a round that may have happened is never voided');
  const released = await findBetByIdempotencyKey(db, 'unit-history-lost-01');
  assert.deepEqual([released?.status, released?.chargeAttempt], ['open', 1]);

  const result = await playRound(bet('unit-history-lost-01'), context());
  const recorded = history.rounds.get(roundIdFor('unit-history-lost-01'))!;
  assert.equal(history.rounds.size, 1, 'one round');
  assert.equal(provider.holds.size, 1, 'the retry replayed the same hold');
  assert.deepEqual(result, {
    round: { id: recorded.round.id },
    won: recorded.round.payoutCents > 0,
    payoutCents: recorded.round.payoutCents,
    draw: result.draw,
    balanceCents: recorded.balanceCents,
  });
  assert.match(result.draw, /^rolled \d+$/);
  assert.deepEqual(history.analytics, [recorded.round.id]);
  assert.deepEqual(await playRound(bet('unit-history-lost-01'), context()), result, 'a later retry answers the same');
});

test('analytics down: the round is still played, settled and answered; only analytics misses it', async () => {
  history.analyticsDown = true;
  const result = await playRound(bet('unit-analytics-down-1'), context());
  const recorded = history.rounds.get(roundIdFor('unit-analytics-down-1'))!;
  assert.equal(result.round.id, recorded.round.id);
  assert.equal(result.balanceCents, recorded.balanceCents);
  assert.deepEqual(provider.voided, [], 'the hold of a played round stays');
  assert.equal((await findBetByIdempotencyKey(db, 'unit-analytics-down-1'))?.status, 'settled');
  assert.deepEqual(history.analytics, []);
});

test('once a round may be in the history, a later failure before it is recorded again voids nothing', async () => {
  history.fail = 'after';
  await assert.rejects(playRound(bet('unit-twice-failed-1'), context()), (error) => codeOf(error) === 'UPSTREAM_UNAVAILABLE');
  provider.failNextAuthorization = true;
  await assert.rejects(playRound(bet('unit-twice-failed-1'), context()), (error) => codeOf(error) === 'UPSTREAM_UNAVAILABLE');
  assert.deepEqual(provider.voided, [], 'the hold of a round that happened stays');
  const released = await findBetByIdempotencyKey(db, 'unit-twice-failed-1');
  assert.deepEqual([released?.status, released?.chargeAttempt, released?.authorizationId], ['open', 1, 'auth_1']);

  const result = await playRound(bet('unit-twice-failed-1'), context());
  const recorded = history.rounds.get(roundIdFor('unit-twice-failed-1'))!;
  assert.equal(history.rounds.size, 1);
  assert.deepEqual([...provider.holds.keys()], ['unit-twice-failed-1'], 'one hold, replayed');
  assert.equal(result.payoutCents, recorded.round.payoutCents);
  assert.equal(result.balanceCents, recorded.balanceCents);
});

test('the history refused the bet: the hold is voided, and a retry charges a new hold and plays', async () => {
  history.balanceCents = 50;
  await assert.rejects(playRound(bet('unit-refused-0001'), context()), (error) => codeOf(error) === 'INSUFFICIENT_FUNDS');
  assert.deepEqual(provider.voided, ['auth_1']);
  const released = await findBetByIdempotencyKey(db, 'unit-refused-0001');
  assert.deepEqual([released?.status, released?.chargeAttempt, released?.draw], ['open', 2, null]);

  history.balanceCents = 10_000;
  const result = await playRound(bet('unit-refused-0001'), context());
  assert.deepEqual([...provider.holds.keys()], ['unit-refused-0001', 'unit-refused-0001/2']);
  assert.equal(history.rounds.size, 1);
  assert.equal(result.balanceCents, 10_000 - 100 + result.payoutCents);
});

test('the history did not answer before recording: the retry records the round once', async () => {
  history.fail = 'before';
  await assert.rejects(playRound(bet('unit-unreachable-01'), context()), (error) => codeOf(error) === 'UPSTREAM_UNAVAILABLE');
  const result = await playRound(bet('unit-unreachable-01'), context());
  assert.equal(history.rounds.size, 1);
  assert.equal(provider.holds.size, 1);
  assert.equal(result.balanceCents, 10_000 - 100 + result.payoutCents);
});

test('a request that finds the bet being played waits and answers the same; past its wait it answers BET_IN_PROGRESS', async () => {
  let open!: () => void;
  history.gate = new Promise<void>((resolve) => (open = resolve));
  const first = playRound(bet('unit-concurrent-01'), context());
  await sleep(50);

  const started = performance.now();
  await assert.rejects(playRound(bet('unit-concurrent-01'), context({ waitMs: 200 })), (error) => {
    assert.equal(codeOf(error), 'BET_IN_PROGRESS');
    assert.match((error as Error).message, /send it again with the same key/);
    return true;
  });
  assert.ok(performance.now() - started >= 200, 'it waited first');

  const waiting = playRound(bet('unit-concurrent-01'), context({ waitMs: 2_000 }));
  await sleep(100);
  open();
  const [a, b] = await Promise.all([first, waiting]);
  assert.deepEqual(b, a);
  assert.equal(history.rounds.size, 1);
  assert.equal(provider.holds.size, 1);
});

test('a claim left by a request that died is taken over once stale', async () => {
  const request = {
    idempotencyKey: 'unit-abandoned-01',
    roundId: roundIdFor('unit-abandoned-01'),
    playerId: 7,
    gameId: 'dice-classic',
    betCents: 100,
    choice: 'over:50',
  };
  assert.equal(await claimNewBet(db, request, randomUUID()), true);
  await assert.rejects(playRound(bet('unit-abandoned-01'), context({ waitMs: 0 })), (error) => codeOf(error) === 'BET_IN_PROGRESS');

  await sql`update bets set claimed_at = now() - interval '2 minutes' where idempotency_key = 'unit-abandoned-01'`.execute(db);
  const result = await playRound(bet('unit-abandoned-01'), context({ waitMs: 0 }));
  assert.equal(result.round.id, request.roundId);
  assert.equal(history.rounds.size, 1);
});

test('a key sent again with another choice is refused, saying what was expected and what arrived', async () => {
  await playRound(bet('unit-reused-key-01'), context());
  await assert.rejects(playRound({ ...bet('unit-reused-key-01'), choice: 'under:30' }, context()), (error) => {
    assert.equal(codeOf(error), 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(
      (error as Error).message,
      'input.idempotencyKey: expected the same bet as the request first sent with this key; got a different input.choice: use a new key for a new bet',
    );
    assert.doesNotMatch((error as Error).message, /over:50|player 7|dice-classic|100/, "nothing of the first bet's values");
    return true;
  });
  assert.equal(history.rounds.size, 1);
});
