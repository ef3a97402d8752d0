import assert from 'node:assert/strict';
import { test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { GraphQLError } from 'graphql';
import { generateRounds } from '@trace-arcade/seed-data';
import { SCENARIOS, ScenarioSelection, scenarioDefaults } from '@trace-arcade/scenarios';
import { RequestCost, type RequestScope } from '@trace-arcade/service-runtime';
import { LoopGuard } from '../loop-guard.js';
import type { StakeRow } from '../repositories/rounds.js';
import { byBetSizeThenId, pageByBetSizeFixed, pageByBetSizeSlow, stakeLevels, stakeProfile } from './infinite-loop.js';

const scope = (mode: 'slow' | 'fixed'): RequestScope => ({
  scenarios: new ScenarioSelection(scenarioDefaults(undefined), `infinite-loop=${mode}`),
  cost: new RequestCost({}),
});

const demo = SCENARIOS.find((scenario) => scenario.name === 'infinite-loop')!;

/** `count` rounds at each bet size, ids in a shuffled order so that the sort matters. */
function rows(levels: Record<number, number>): StakeRow[] {
  const made: StakeRow[] = [];
  let n = 0;
  for (const [bet, count] of Object.entries(levels)) {
    for (let i = 0; i < count; i++, n++)
      made.push({
        id: `r${String((n * 7919) % 10_007).padStart(5, '0')}`,
        betCents: Number(bet),
        payoutCents: n % 3 === 0 ? 2 * Number(bet) : 0,
      });
  }
  return made;
}

/** The demo player's rounds in the seed data of `size`, as the repository reads them. */
function seededRows(size: { players: number; rounds: number }, playerId: number): StakeRow[] {
  const found: StakeRow[] = [];
  for (const round of generateRounds(size)) {
    if (round.playerId === playerId) found.push({ id: round.id, betCents: round.betCents, payoutCents: round.payoutCents });
  }
  return found;
}

const sorted = (data: StakeRow[]) => [...data].sort(byBetSizeThenId);

test('without a bet size that fills a page, both walks visit every row once and give the same profile', () => {
  const data = sorted(rows({ 500: 3, 100: 4, 50: 1, 20: 4, 10: 2 }));
  for (const pageSize of [5, 6, 14, 100]) {
    const fixed = pageByBetSizeFixed(data, pageSize);
    const slow = pageByBetSizeSlow(data, pageSize, new LoopGuard(1_000));
    assert.deepEqual(fixed, data, `fixed visits every row in order (page ${pageSize})`);
    assert.deepEqual(new Set(slow), new Set(data), `slow visits every row once (page ${pageSize})`);
    assert.deepEqual(stakeLevels(slow), stakeLevels(fixed));
  }
  assert.deepEqual(
    stakeLevels(data).map((level) => [level.betCents, level.rounds]),
    [
      [500, 3],
      [100, 4],
      [50, 1],
      [20, 4],
      [10, 2],
    ],
  );
});

test('a page made entirely of one bet size: fixed moves past it by round id; slow returns it forever until the guard stops it', () => {
  const data = sorted(rows({ 500: 2, 100: 6, 10: 3 }));
  assert.deepEqual(pageByBetSizeFixed(data, 4), data);
  const guard = new LoopGuard(40);
  const started = performance.now();
  assert.throws(
    () => pageByBetSizeSlow(data, 4, guard),
    (error: unknown) =>
      error instanceof GraphQLError &&
      error.extensions['code'] === 'LOOP_GUARD_TRIPPED' &&
      /^stakeProfile: pagination made no progress after (\d+) pages: the cursor did not advance past bet size 100 for the last \d+ pages of 4 rounds \(a page made entirely of ties\); stopped by the loop guard after \d+ ms \(LOOP_GUARD_MS 40\)$/.test(
        error.message,
      ),
  );
  const ms = performance.now() - started;
  assert.ok(ms >= 40 && ms < 500, `stopped after ${ms.toFixed(0)} ms`);
  assert.ok(guard.iterations > 1_000, `the walk went round ${guard.iterations} times`);
});

test('the fixed walk ends after at most n / pageSize + 1 pages on any data, however many ties', () => {
  for (const pageSize of [1, 2, 3, 10]) {
    const data = sorted(rows({ 7: 25, 3: 1, 1: 40 }));
    assert.deepEqual(pageByBetSizeFixed(data, pageSize), data, `page ${pageSize}`);
  }
  assert.deepEqual(pageByBetSizeFixed([], 10), []);
});

test("the catalog's demo trips the slow walk on every seed size the stack uses, and the fixed walk is fast on the largest", () => {
  const playerId = Number(demo.variables.playerId);
  for (const size of [
    { players: 50, rounds: 2_000 },
    { players: 1_000, rounds: 20_000 },
  ]) {
    const data = sorted(seededRows(size, playerId));
    const levels = stakeLevels(data);
    assert.ok(
      levels.some((level) => level.rounds >= demo.variables.pageSize),
      `a bet size of player ${playerId} fills a page of ${demo.variables.pageSize} with ${size.rounds} rounds`,
    );
    assert.throws(
      () => pageByBetSizeSlow(data, demo.variables.pageSize, new LoopGuard(20)),
      /LOOP_GUARD_TRIPPED|pagination made no progress/,
    );
    assert.equal(pageByBetSizeFixed(data, demo.variables.pageSize).length, data.length);
  }
  const data = seededRows({ players: 1_000, rounds: 200_000 }, playerId);
  const started = performance.now();
  const profile = stakeProfile(scope('fixed'), data, demo.variables.pageSize, 1_500);
  const ms = performance.now() - started;
  assert.equal(
    profile.reduce((sum, level) => sum + level.rounds, 0),
    data.length,
  );
  assert.ok(ms < 100, `the fixed walk over ${data.length} rounds took ${ms.toFixed(1)} ms`);
});

test('stakeProfile runs the request variant: the slow one stops at the guard with the coded error', () => {
  const data = rows({ 100: 12, 50: 3 });
  assert.deepEqual(stakeProfile(scope('fixed'), data, 10, 50), [
    { betCents: 100, rounds: 12, payoutCents: 800 },
    { betCents: 50, rounds: 3, payoutCents: 100 },
  ]);
  assert.throws(
    () => stakeProfile(scope('slow'), data, 10, 50),
    (error: unknown) => error instanceof GraphQLError && error.extensions['code'] === 'LOOP_GUARD_TRIPPED',
  );
  assert.deepEqual(stakeProfile(scope('slow'), data, 13, 50), stakeProfile(scope('fixed'), data, 13, 50));
});
