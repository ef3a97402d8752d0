/**
 * Scenario `cpu-rng`: where a round's random numbers come from. The slow path sits above its
 * fixed twin.
 */
import { randomInt as cryptoRandomInt } from 'node:crypto';
import type { ScenarioSelection } from '@trace-arcade/scenarios';
import type { RandomInt } from '../game-rules.js';

const SEARCH_START = 1_000_000;

function isPrime(candidate: number): boolean {
  if (candidate % 2 === 0) return false;
  for (let divisor = 3; divisor * divisor <= candidate; divisor += 2) {
    if (candidate % divisor === 0) return false;
  }
  return true;
}

/**
 * Slow: the original design's generator. For every number it searches `primes` primes upward
 * from 1,000,000 by trial division, synchronously, then mixes the last one with the clock.
 * While it runs, the event loop serves nobody else: every other request of the process waits.
 */
export function primeSearchRandomInt(primes: number): RandomInt {
  return (min, max) => {
    let found = 0;
    let candidate = SEARCH_START;
    let last = SEARCH_START;
    while (found < primes) {
      if (isPrime(candidate)) {
        found++;
        last = candidate;
      }
      candidate++;
    }
    return min + (((last ^ Date.now()) >>> 0) % (max - min + 1));
  };
}

/** Fixed: the operating system's cryptographic generator takes microseconds and is fairer too. */
export const cryptoRandom: RandomInt = (min, max) => cryptoRandomInt(min, max + 1);

export function randomIntFor(scenarios: ScenarioSelection, primes: number): RandomInt {
  return scenarios.isSlow('cpu-rng') ? primeSearchRandomInt(primes) : cryptoRandom;
}
