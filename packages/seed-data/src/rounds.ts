import { GAME_CATALOG, type CatalogGame } from './game-catalog.js';
import { SeededRandom } from './random.js';
import { SEED_DAYS, SEED_END, type SeedSize } from './seed-size.js';

export interface SeedRound {
  id: string;
  playerId: number;
  gameId: string;
  gameKind: CatalogGame['kind'];
  betCents: number;
  payoutCents: number;
  outcome: string;
  playedAt: Date;
}

const SEED = 20261101;

/** Picks a player with a skew: a few regulars play far more rounds than most, as on real platforms. */
function skewedPlayer(random: SeededRandom, players: number): number {
  return 1 + Math.floor(players * random.next() ** 2);
}

/** A round's result drawn so that, over many rounds, each game pays back about its RTP. */
function settle(random: SeededRandom, game: CatalogGame, betCents: number): { payoutCents: number; outcome: string } {
  const multiplier = game.kind === 'SLOTS' ? 5 : game.kind === 'DICE' ? 2 : 36;
  const winChance = game.rtpPercent / 100 / multiplier;
  return random.next() < winChance
    ? { payoutCents: betCents * multiplier, outcome: `win x${multiplier}` }
    : { payoutCents: 0, outcome: 'loss' };
}

/** The seeded history: `size.rounds` rounds of `size.players` players, oldest first. */
export function* generateRounds(size: SeedSize): Generator<SeedRound> {
  const random = new SeededRandom(SEED);
  const spanMs = SEED_DAYS * 86_400_000;
  const start = SEED_END.getTime() - spanMs;
  for (let index = 0; index < size.rounds; index++) {
    const game = random.pick(GAME_CATALOG);
    const betCents = Math.min(game.maxBetCents, game.minBetCents * random.int(1, 20));
    yield {
      id: random.uuid(),
      playerId: skewedPlayer(random, size.players),
      gameId: game.id,
      gameKind: game.kind,
      betCents,
      ...settle(random, game, betCents),
      playedAt: new Date(start + Math.floor((spanMs * index) / size.rounds) + random.int(0, 59_999)),
    };
  }
}
