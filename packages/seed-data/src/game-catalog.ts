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
