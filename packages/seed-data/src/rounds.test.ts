import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GAME_CATALOG } from './game-catalog.js';
import { generateRounds } from './rounds.js';

test('the same size yields the same rounds', () => {
  const first = [...generateRounds({ players: 50, rounds: 500 })];
  const second = [...generateRounds({ players: 50, rounds: 500 })];
  assert.deepEqual(first, second);
  assert.equal(new Set(first.map((round) => round.id)).size, 500, 'round ids are unique');
});

test('every round respects its game and player range', () => {
  const limits = new Map(GAME_CATALOG.map((game) => [game.id, game]));
  for (const round of generateRounds({ players: 10, rounds: 2000 })) {
    const game = limits.get(round.gameId);
    assert.ok(game, `unknown game ${round.gameId}`);
    assert.ok(round.betCents >= game.minBetCents && round.betCents <= game.maxBetCents);
    assert.ok(round.playerId >= 1 && round.playerId <= 10);
  }
});

test('rounds pay back roughly what the catalog promises', () => {
  let wagered = 0;
  let paid = 0;
  for (const round of generateRounds({ players: 100, rounds: 50_000 })) {
    wagered += round.betCents;
    paid += round.payoutCents;
  }
  const rtp = (paid / wagered) * 100;
  assert.ok(rtp > 85 && rtp < 105, `return to player ${rtp.toFixed(1)} % is outside 85-105 %`);
});
