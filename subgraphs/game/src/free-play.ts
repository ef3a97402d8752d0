import { loadForArgument, maxPageSize, pageSize } from '@trace-arcade/service-runtime';
import type { GameContext } from './context.js';
import { parseChoice, playRound } from './game-rules.js';
import { drawWithRng } from './scenarios/cpu-rng.js';

/** Most spins one free-play request may ask for: keeps the slow RNG from taking the process down. */
export const MAX_FREE_SPINS = maxPageSize('Query.freePlay');

/** Draws `spins` rounds for fun: no bet is charged and nothing is recorded. Payouts are for the minimum bet. */
export async function freePlay(context: GameContext, gameId: string, choice: string | null | undefined, spins: number) {
  const count = pageSize('spins', spins, MAX_FREE_SPINS);
  const game = await loadForArgument(context.gameById, gameId, 'gameId');
  const parsed = parseChoice(game.kind, choice);
  return drawWithRng(context, context.primeRngPrimes, (randomInt) =>
    Array.from({ length: count }, () => playRound(parsed, game.minBetCents, randomInt)),
  );
}
