export type GameKind = 'SLOTS' | 'DICE' | 'ROULETTE';

export interface CatalogGame {
  id: string;
  name: string;
  kind: GameKind;
  minBetCents: number;
  maxBetCents: number;
  /** Share of wagers paid back over time, in percent. */
  rtpPercent: number;
}

/** The games the platform offers; the game service seeds its table from this list. */
export const GAME_CATALOG: readonly CatalogGame[] = [
  { id: 'slots-fruit', name: 'Fruit Machine', kind: 'SLOTS', minBetCents: 10, maxBetCents: 2_000, rtpPercent: 96 },
  { id: 'slots-gems', name: 'Gem Rush', kind: 'SLOTS', minBetCents: 20, maxBetCents: 5_000, rtpPercent: 95.5 },
  { id: 'slots-space', name: 'Space Reels', kind: 'SLOTS', minBetCents: 50, maxBetCents: 10_000, rtpPercent: 94 },
  { id: 'dice-classic', name: 'Classic Dice', kind: 'DICE', minBetCents: 10, maxBetCents: 5_000, rtpPercent: 98 },
  { id: 'dice-high', name: 'High Roller Dice', kind: 'DICE', minBetCents: 500, maxBetCents: 20_000, rtpPercent: 98.5 },
  { id: 'roulette-eu', name: 'European Roulette', kind: 'ROULETTE', minBetCents: 100, maxBetCents: 20_000, rtpPercent: 97.3 },
  { id: 'roulette-us', name: 'American Roulette', kind: 'ROULETTE', minBetCents: 100, maxBetCents: 20_000, rtpPercent: 94.7 },
  { id: 'roulette-mini', name: 'Mini Roulette', kind: 'ROULETTE', minBetCents: 10, maxBetCents: 1_000, rtpPercent: 92.3 },
];

/**
 * No game pays more than this many times the bet (dice's best odds pay 99x); a recorded round that
 * claims more was not played by the game service's rules.
 */
export const MAX_PAYOUT_MULTIPLIER = 100;

/**
 * What is wrong with a played round's game and amounts, as the services that record it check them:
 * the game must be one of the catalog, the bet within its limits and the payout within what a round
 * can pay. Undefined when nothing is.
 */
export function playedRoundProblem(round: { gameId: string; betCents: number; payoutCents: number }): string | undefined {
  const game = GAME_CATALOG.find((candidate) => candidate.id === round.gameId);
  if (!game)
    return `gameId: expected one of ${GAME_CATALOG.map((candidate) => candidate.id).join(', ')}; got ${JSON.stringify(round.gameId)}`;
  if (round.betCents < game.minBetCents || round.betCents > game.maxBetCents) {
    return `betCents: expected ${game.minBetCents} to ${game.maxBetCents} for ${game.id}; got ${round.betCents}`;
  }
  const maxPayout = round.betCents * MAX_PAYOUT_MULTIPLIER;
  if (round.payoutCents > maxPayout)
    return `payoutCents: expected at most ${maxPayout} for a bet of ${round.betCents}; got ${round.payoutCents}`;
  return undefined;
}
