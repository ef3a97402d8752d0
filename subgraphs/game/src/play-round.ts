import { randomUUID } from 'node:crypto';
import { badUserInput, graphQLError, inScenarioSpan, parsePlayerId } from '@trace-arcade/service-runtime';
import type { GameContext } from './context.js';
import { parseChoice, playRound as drawRound } from './game-rules.js';
import { findBetByIdempotencyKey, insertBet, type BetRow } from './repositories/bets.js';
import { chargeBet } from './scenarios/payment-latency.js';

export interface PlayRoundInput {
  playerId: string;
  gameId: string;
  betCents: number;
  choice?: string | null;
  idempotencyKey?: string | null;
}

function parseIdempotencyKey(value: string | null | undefined): string {
  if (value == null) return randomUUID();
  if (!/^[\w-]{8,100}$/.test(value)) {
    throw badUserInput('input.idempotencyKey', '8 to 100 letters, digits, "_" or "-"', value);
  }
  return value;
}

function toResult(bet: BetRow) {
  return { round: { id: bet.roundId }, won: bet.won, payoutCents: bet.payoutCents, draw: bet.draw, balanceCents: bet.balanceCents };
}

/**
 * Plays one round: validate, charge the bet, draw the result, settle it on the wallet and
 * history (users), store the bet, report it to analytics. A retry with the same idempotency
 * key returns the stored result without charging again.
 */
export async function playRound(input: PlayRoundInput, context: GameContext) {
  const playerId = parsePlayerId('input.playerId', input.playerId);
  const idempotencyKey = parseIdempotencyKey(input.idempotencyKey);
  const game = await context.gameById.load(input.gameId).catch(() => {
    throw graphQLError('NOT_FOUND', `no game with id ${JSON.stringify(input.gameId)}`, { argument: 'input.gameId' });
  });
  if (!Number.isInteger(input.betCents) || input.betCents < game.minBetCents || input.betCents > game.maxBetCents) {
    throw badUserInput('input.betCents', `a bet from ${game.minBetCents} to ${game.maxBetCents} cents for ${game.name}`, input.betCents);
  }
  const choice = parseChoice(game.kind, input.choice);

  const previous = await findBetByIdempotencyKey(context.db, idempotencyKey);
  if (previous) return toResult(previous);

  const charge = { playerId, amountCents: input.betCents, idempotencyKey };
  const authorizationId = await chargeBet(context, context.payments, charge);
  const draw = inScenarioSpan(context, 'cpu-rng', () => drawRound(choice, input.betCents, context.randomInt));
  const round = {
    id: randomUUID(),
    playerId,
    gameId: game.id,
    gameKind: game.kind,
    betCents: input.betCents,
    payoutCents: draw.payoutCents,
    outcome: draw.outcome,
    playedAt: new Date().toISOString(),
  };
  let balanceCents: number;
  try {
    balanceCents = await context.recorder.recordInHistory(round);
  } catch (error) {
    await context.payments.void(authorizationId);
    throw error;
  }
  const bet: BetRow = {
    idempotencyKey,
    roundId: round.id,
    playerId,
    gameId: game.id,
    betCents: input.betCents,
    authorizationId,
    won: draw.won,
    payoutCents: draw.payoutCents,
    draw: draw.draw,
    balanceCents,
  };
  await insertBet(context.db, bet);
  await context.recorder.recordInAnalytics(round);
  return toResult(bet);
}
