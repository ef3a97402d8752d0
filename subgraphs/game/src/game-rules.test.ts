import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphQLError } from 'graphql';
import { parseChoice, playRound } from './game-rules.js';

const always = (value: number) => () => value;

test('dice over 50 wins on 51 with a 1 % house edge', () => {
  const draw = playRound(parseChoice('DICE', 'over:50'), 1000, always(51));
  assert.deepEqual(draw, { won: true, payoutCents: 1980, draw: 'rolled 51', outcome: 'win x1.98' });
  assert.equal(playRound(parseChoice('DICE', 'over:50'), 1000, always(50)).won, false);
});

test('roulette pays 36x on the number and 2x on colour; zero loses even/odd', () => {
  assert.equal(playRound(parseChoice('ROULETTE', '17'), 100, always(17)).payoutCents, 3600);
  assert.equal(playRound(parseChoice('ROULETTE', 'red'), 100, always(1)).payoutCents, 200);
  assert.equal(playRound(parseChoice('ROULETTE', 'even'), 100, always(0)).won, false);
});

test('three sevens pay 50x', () => {
  const draw = playRound(parseChoice('SLOTS', undefined), 10, always(4));
  assert.equal(draw.draw, 'SEVEN SEVEN SEVEN');
  assert.equal(draw.payoutCents, 500);
});

test('a malformed choice is a BAD_USER_INPUT error saying what was expected', () => {
  for (const [kind, choice] of [
    ['DICE', 'over:99'],
    ['DICE', 'sideways'],
    ['ROULETTE', '37'],
    ['SLOTS', 'red'],
  ] as const) {
    assert.throws(
      () => parseChoice(kind, choice),
      (error: unknown) =>
        error instanceof GraphQLError &&
        error.extensions['code'] === 'BAD_USER_INPUT' &&
        error.message.includes('expected') &&
        error.message.includes(JSON.stringify(choice)),
    );
  }
});
