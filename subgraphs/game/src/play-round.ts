import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { GraphQLError } from 'graphql';
import {
  badUserInput,
  emitBetPlaced,
  emitRoundPlayed,
  fromDependency,
  graphQLError,
  isConnectionFailure,
  loadForArgument,
  parsePlayerId,
  reportFailure,
} from '@trace-arcade/service-runtime';
import { paymentKeyFor, roundIdFor } from './bet-keys.js';
import type { GameContext } from './context.js';
import { GAME_DATABASE } from './database.js';
import { formatChoice, parseChoice, playRound as drawRound, type Choice } from './game-rules.js';
import {
  claimNewBet,
  findBetByIdempotencyKey,
  releaseBet,
  settleBet,
  takeOverBet,
  type BetDraw,
  type BetRequest,
  type BetRow,
  type SettledBet,
} from './repositories/bets.js';
import type { GameRow } from './repositories/games.js';
import type { PlayedRoundRecord, RecordedInHistory } from './round-recorder.js';
import { drawWithRng, reserveSlowDraw } from './scenarios/cpu-rng.js';
import { chargeBet } from './scenarios/payment-latency.js';
import { chargeAndSaveBet } from './scenarios/pool-exhaustion.js';

export interface PlayRoundInput {
  playerId: string;
  gameId: string;
  betCents: number;
  choice?: string | null;
  idempotencyKey?: string | null;
}

/** How requests with the same idempotency key wait for each other. */
export interface BetTimings {
  /** How long a request waits for another one playing the same bet before it answers BET_IN_PROGRESS. */
  waitMs: number;
  /** After how long a claim counts as abandoned and is taken over. */
  staleAfterMs: number;
}

function parseIdempotencyKey(value: string | null | undefined): string {
  if (value == null) return randomUUID();
  if (!/^[\w-]{8,100}$/.test(value)) {
    throw badUserInput('input.idempotencyKey', '8 to 100 letters, digits, "_" or "-"', value);
  }
  return value;
}

/**
 * A key names one bet: sent again with anything else, it is refused rather than answered with another
 * bet's result. The answer names the fields that differ, never the first bet's values: whoever holds
 * a key learns nothing of the bet it was first sent with (its player, game, amount or choice).
 */
function assertSameRequest(bet: BetRow, request: BetRequest): void {
  const differing = [
    bet.playerId !== request.playerId && 'input.playerId',
    bet.gameId !== request.gameId && 'input.gameId',
    bet.betCents !== request.betCents && 'input.betCents',
    bet.choice !== null && bet.choice !== request.choice && 'input.choice',
  ].filter((field): field is string => field !== false);
  if (differing.length > 0) {
    throw graphQLError(
      'IDEMPOTENCY_KEY_REUSED',
      `input.idempotencyKey: expected the same bet as the request first sent with this key; got a different ${differing.join(', ')}: use a new key for a new bet`,
      { argument: 'input.idempotencyKey', differing },
    );
  }
}

function answer(roundId: string, settled: SettledBet) {
  return {
    round: { id: roundId },
    won: settled.won,
    payoutCents: settled.payoutCents,
    draw: settled.draw,
    balanceCents: settled.balanceCents,
  };
}

function answerSettled(bet: BetRow) {
  const { won, payoutCents, draw, outcome, balanceCents } = bet;
  if (won === null || payoutCents === null || draw === null || balanceCents === null) {
    throw graphQLError('INTERNAL_SERVER_ERROR', `bet ${bet.idempotencyKey} is settled without its result`);
  }
  return answer(bet.roundId, { won, payoutCents, draw, outcome: outcome ?? '', balanceCents });
}

/** A retryable answer: another request plays this bet right now. */
function betInProgress(reason: string): GraphQLError {
  return graphQLError('BET_IN_PROGRESS', `input.idempotencyKey: ${reason}; send it again with the same key in a moment`, {
    argument: 'input.idempotencyKey',
  });
}

type Claim = { owned: BetRow; token: string } | { settled: BetRow };

/** The row `claimNewBet` writes, as it would be read back. */
function newBet(request: BetRequest): BetRow {
  return {
    ...request,
    status: 'pending',
    chargeAttempt: 1,
    claimAgeMs: 0,
    authorizationId: null,
    won: null,
    payoutCents: null,
    draw: null,
    outcome: null,
    balanceCents: null,
  };
}

/**
 * Makes this request the one that plays the bet, or finds the bet's result. The first request
 * with a key inserts its row as `pending`; the others wait (up to `waitMs`) for it to settle and
 * answer the same, take the bet over when it was released or its claim went stale, or answer
 * BET_IN_PROGRESS.
 */
async function claimBet(context: GameContext, game: GameRow, request: BetRequest): Promise<Claim> {
  const { db, bets, betWaits } = context;
  const key = request.idempotencyKey;
  const token = randomUUID();
  const deadline = performance.now() + bets.waitMs;
  for (;;) {
    // Watched before the bet is read: a settlement between the read and the wait still wakes it.
    const watch = betWaits.watch(key);
    try {
      // Most keys are new: try to claim first, and read the row only when it exists.
      if (await fromDependency(GAME_DATABASE, () => claimNewBet(db, request, token))) {
        emitBetPlaced({ gameId: request.gameId, gameKind: game.kind });
        return { owned: newBet(request), token };
      }
      const bet = await fromDependency(GAME_DATABASE, () => findBetByIdempotencyKey(db, key));
      if (!bet) continue; // gone again (a migration rolled back): claim it anew
      assertSameRequest(bet, request);
      if (bet.status === 'settled') return { settled: bet };
      const claimAgeMs = bet.claimAgeMs ?? 0;
      if (bet.status === 'open' || claimAgeMs >= bets.staleAfterMs) {
        const taken = await fromDependency(GAME_DATABASE, () => takeOverBet(db, key, token, bets.staleAfterMs));
        if (taken) return { owned: taken, token };
      }
      const now = performance.now();
      if (now >= deadline) throw betInProgress('another request with this key is still playing the bet');
      // Until its player settles or releases it here, or its claim goes stale, or this request must answer.
      await watch.until(Math.min(deadline, now + Math.max(0, bets.staleAfterMs - claimAgeMs)));
    } finally {
      watch.cancel();
    }
  }
}

/**
 * The history's failure left no doubt that the round was not recorded: it refused it (unknown
 * player, insufficient funds, a malformed round). A users service that did not answer may have
 * recorded it.
 */
function historyRefused(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions['code'] !== 'UPSTREAM_UNAVAILABLE';
}

/**
 * Plays a claimed bet: charge, draw, record in the history, settle. A retry replays the same hold
 * (the payment key) and the same draw (kept on the row), and records the same round id, which the
 * history records once; it settles with the round as the history recorded it.
 */
async function playClaimedBet(context: GameContext, game: GameRow, choice: Choice, bet: BetRow, token: string) {
  const { db, betDb, payments, recorder, betWaits, log } = context;
  const key = bet.idempotencyKey;
  /** Gives the claim up for a retry; if even that fails, the claim goes stale and a retry takes it over. */
  const release = async (voided: boolean) => {
    await releaseBet(db, key, token, voided).catch((error: unknown) =>
      log.warn({ err: error, idempotencyKey: key }, 'could not release a bet; a retry takes it over once its claim is stale'),
    );
    betWaits.changed(key);
  };
  /** Voids the hold of a bet whose round was not recorded, and releases it for a fresh attempt. */
  const voidAndRelease = async (authorizationId: string | undefined) => {
    if (authorizationId) {
      await payments.void(authorizationId).catch((error: unknown) => log.warn({ err: error, authorizationId }, 'could not void a hold'));
    }
    await release(true);
  };

  // An earlier attempt that got as far as drawing may have recorded its round: its hold is never
  // voided and its draw is replayed. Otherwise, until the round reaches the history, any failure
  // voids the hold and the next attempt starts afresh.
  const earlierDraw = storedDraw(bet);
  let authorizationId: string | undefined;
  let draw: BetDraw;
  try {
    // A draw still to make takes its slow-variant admission now, before the hold is placed.
    if (!earlierDraw) reserveSlowDraw(context);
    // The charge and the writes that keep it, in the bet pool's transaction (scenario pool-exhaustion).
    const saved = await chargeAndSaveBet(
      context,
      betDb,
      { key, token },
      {
        charge: async () =>
          (authorizationId = await chargeBet(context, payments, {
            playerId: bet.playerId,
            amountCents: bet.betCents,
            idempotencyKey: paymentKeyFor(key, bet.chargeAttempt),
          })),
        draw: () => earlierDraw ?? drawWithRng(context, context.primeRngPrimes, (randomInt) => drawRound(choice, bet.betCents, randomInt)),
      },
    );
    if (!saved) {
      // A retry took the stale claim over; it replays the same hold and draw, so nothing is undone here.
      throw betInProgress('another request took this bet over');
    }
    draw = saved;
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions['code'] === 'BET_IN_PROGRESS') throw error;
    if (earlierDraw) await release(false);
    else await voidAndRelease(authorizationId);
    throw error;
  }

  const round: PlayedRoundRecord = {
    id: bet.roundId,
    playerId: bet.playerId,
    gameId: game.id,
    gameKind: game.kind,
    betCents: bet.betCents,
    payoutCents: draw.payoutCents,
    outcome: draw.outcome,
    playedAt: new Date().toISOString(),
  };
  let recorded: RecordedInHistory;
  try {
    recorded = await recorder.recordInHistory(round);
  } catch (error) {
    if (historyRefused(error)) {
      await voidAndRelease(authorizationId);
    } else {
      // The round may be in the history: keep the hold and the draw for the retry to settle it.
      await release(false);
    }
    throw error;
  }

  // From here on the round happened: it is never voided, only settled (now or by a retry).
  const settled: SettledBet = {
    won: recorded.round.payoutCents > 0,
    payoutCents: recorded.round.payoutCents,
    outcome: recorded.round.outcome,
    draw: recorded.round.outcome === draw.outcome ? draw.draw : recorded.round.outcome,
    balanceCents: recorded.balanceCents,
  };
  try {
    // False when a retry took the bet over meanwhile: it settles it with the same recorded round (and counts it).
    if (await settleBet(db, key, token, settled)) {
      emitRoundPlayed({ gameId: game.id, gameKind: game.kind, won: settled.won, betCents: bet.betCents, payoutCents: settled.payoutCents });
    }
    betWaits.changed(key);
  } catch (error) {
    await release(false);
    throw fromStore(error);
  }
  // Analytics reads played rounds; it is not part of the bet. The round is played and settled
  // whether or not analytics can take it now: its failure is logged and reported to Sentry on this
  // trace, and the player gets the answer (the round is missing from analytics).
  await recorder
    .recordInAnalytics({
      ...round,
      payoutCents: recorded.round.payoutCents,
      outcome: recorded.round.outcome,
      playedAt: recorded.round.playedAt,
    })
    .catch((error: unknown) =>
      reportFailure(log, error, 'analytics could not record a played round; the round is settled but missing from analytics', {
        roundId: bet.roundId,
      }),
    );
  return answer(bet.roundId, settled);
}

function storedDraw(bet: BetRow): BetDraw | undefined {
  const { won, payoutCents, draw, outcome } = bet;
  return won === null || payoutCents === null || draw === null || outcome === null ? undefined : { won, payoutCents, draw, outcome };
}

/** A failure to store the bet once its round is recorded: a retry settles it, so the client is told to send it again. */
function fromStore(error: unknown): GraphQLError {
  const cause = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  return new GraphQLError(
    `the ${GAME_DATABASE} could not store the bet; its round is recorded: send it again with the same key to get it`,
    {
      originalError: cause instanceof Error ? cause : new Error(String(cause)),
      extensions: { code: isConnectionFailure(cause) ? 'UPSTREAM_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR', dependency: GAME_DATABASE },
    },
  );
}

/**
 * Plays one round: validate, claim the bet's idempotency key, charge the bet, draw the result,
 * settle it on the wallet and history (users), settle the bet, report it to analytics. Requests
 * with the same key, at once or as retries, play the bet once and get the same answer.
 */
export async function playRound(input: PlayRoundInput, context: GameContext) {
  const playerId = parsePlayerId('input.playerId', input.playerId);
  const idempotencyKey = parseIdempotencyKey(input.idempotencyKey);
  const game = await loadForArgument(context.gameById, input.gameId, 'input.gameId');
  if (!Number.isInteger(input.betCents) || input.betCents < game.minBetCents || input.betCents > game.maxBetCents) {
    throw badUserInput('input.betCents', `a bet from ${game.minBetCents} to ${game.maxBetCents} cents for ${game.name}`, input.betCents);
  }
  const choice = parseChoice(game.kind, input.choice);
  const request: BetRequest = {
    idempotencyKey,
    roundId: roundIdFor(idempotencyKey),
    playerId,
    gameId: game.id,
    betCents: input.betCents,
    choice: formatChoice(choice),
  };
  const claim = await claimBet(context, game, request);
  if ('settled' in claim) return answerSettled(claim.settled);
  return playClaimedBet(context, game, choice, claim.owned, claim.token);
}
