import { badUserInput } from '@trace-arcade/service-runtime';
import type { GameKind } from '@trace-arcade/seed-data';

/** Where the randomness comes from: a whole number in [min, max]. */
export type RandomInt = (min: number, max: number) => number;

export type Choice =
  | { kind: 'SLOTS' }
  | { kind: 'DICE'; direction: 'over' | 'under'; target: number }
  | { kind: 'ROULETTE'; bet: 'red' | 'black' | 'even' | 'odd' | number };

export interface Draw {
  won: boolean;
  payoutCents: number;
  /** What the RNG drew, for the player. */
  draw: string;
  /** Short result for the history: 'loss' or 'win x2'. */
  outcome: string;
}

const ROULETTE_RED = new Set([1, 3, 5, 7, 9, 12, 14, 16, 18, 19, 21, 23, 25, 27, 30, 32, 34, 36]);
const REEL = ['CHERRY', 'LEMON', 'BELL', 'STAR', 'SEVEN'] as const;
const THREE_OF_A_KIND: Record<(typeof REEL)[number], number> = { CHERRY: 10, LEMON: 10, BELL: 20, STAR: 30, SEVEN: 50 };

/** Reads the player's `choice` for a game kind; a malformed choice is a BAD_USER_INPUT error. */
export function parseChoice(kind: GameKind, choice: string | null | undefined): Choice {
  switch (kind) {
    case 'SLOTS':
      if (choice != null && choice !== '') throw badUserInput('input.choice', 'no choice for a slots game', choice);
      return { kind };
    case 'DICE': {
      const match = /^(over|under):(\d{1,2})$/.exec(choice ?? 'over:50');
      const target = Number(match?.[2]);
      if (!match || target < 2 || target > 98) {
        throw badUserInput('input.choice', '"over:N" or "under:N" with N from 2 to 98', choice);
      }
      return { kind, direction: match[1] as 'over' | 'under', target };
    }
    case 'ROULETTE': {
      const value = (choice ?? 'red').toLowerCase();
      if (value === 'red' || value === 'black' || value === 'even' || value === 'odd') return { kind, bet: value };
      if (/^\d{1,2}$/.test(value) && Number(value) <= 36) return { kind, bet: Number(value) };
      throw badUserInput('input.choice', '"red", "black", "even", "odd" or a number from 0 to 36', choice);
    }
  }
}

/** A parsed choice written back as text, the same for every spelling of it ('RED' and 'red' are 'red'); '' for slots. */
export function formatChoice(choice: Choice): string {
  switch (choice.kind) {
    case 'SLOTS':
      return '';
    case 'DICE':
      return `${choice.direction}:${choice.target}`;
    case 'ROULETTE':
      return String(choice.bet);
  }
}

function settle(betCents: number, multiplier: number, draw: string): Draw {
  return multiplier > 0
    ? { won: true, payoutCents: Math.floor(betCents * multiplier), draw, outcome: `win x${multiplier}` }
    : { won: false, payoutCents: 0, draw, outcome: 'loss' };
}

/** Draws one round of a game and settles the bet. */
export function playRound(choice: Choice, betCents: number, randomInt: RandomInt): Draw {
  switch (choice.kind) {
    case 'SLOTS': {
      const reels = [0, 1, 2].map(() => REEL[randomInt(0, REEL.length - 1)] as (typeof REEL)[number]);
      const [a, b, c] = reels as [(typeof REEL)[number], (typeof REEL)[number], (typeof REEL)[number]];
      const cherries = reels.filter((symbol) => symbol === 'CHERRY').length;
      const multiplier = a === b && b === c ? THREE_OF_A_KIND[a] : cherries === 2 ? 2 : 0;
      return settle(betCents, multiplier, reels.join(' '));
    }
    case 'DICE': {
      const roll = randomInt(1, 100);
      const winning = choice.direction === 'over' ? 100 - choice.target : choice.target - 1;
      const won = choice.direction === 'over' ? roll > choice.target : roll < choice.target;
      // A 1 % house edge: a fair multiplier would be 100 / winning.
      const multiplier = won ? Math.floor((99 / winning) * 100) / 100 : 0;
      return settle(betCents, multiplier, `rolled ${roll}`);
    }
    case 'ROULETTE': {
      const pocket = randomInt(0, 36);
      const colour = pocket === 0 ? 'green' : ROULETTE_RED.has(pocket) ? 'red' : 'black';
      const bet = choice.bet;
      const won =
        typeof bet === 'number'
          ? pocket === bet
          : bet === 'red' || bet === 'black'
            ? colour === bet
            : pocket !== 0 && (pocket % 2 === 0) === (bet === 'even');
      return settle(betCents, won ? (typeof bet === 'number' ? 36 : 2) : 0, `pocket ${pocket} ${colour}`);
    }
  }
}
