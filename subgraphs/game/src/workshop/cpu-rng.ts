/**
 * Workshop exercise `cpu-rng`: where a round's random numbers come from. It runs for requests in
 * mode `yours` (`npm run workshop -- check cpu-rng`). It starts as the slow twin: draw the same
 * range of numbers without holding the event loop.
 */
import type { RandomInt } from '../game-rules.js';

const SEARCH_START = 1_000_000;

function isPrime(candidate: number): boolean {
  if (candidate % 2 === 0) return false;
  for (let divisor = 3; divisor * divisor <= candidate; divisor += 2) {
    if (candidate % divisor === 0) return false;
  }
  return true;
}

/** A generator of integers from `min` to `max` inclusive; `primes` is the slow search's length (PRIME_RNG_PRIMES). */
export function randomIntFor(primes: number): RandomInt {
  const primeSearchDraw: RandomInt = (min, max) => {
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
  return primeSearchDraw;
}
