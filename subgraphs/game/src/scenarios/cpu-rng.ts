/**
 * Scenario `cpu-rng`: where a round's random numbers come from. The slow twin sits above its
 * fixed twin; `drawWithRng` picks one through `runVariant`, which puts the draws inside the
 * `cpu-rng (<mode>)` span.
 */
import { randomInt as cryptoRandomInt } from 'node:crypto';
import { runsSlowVariant, runVariant, type RequestScope } from '@trace-arcade/service-runtime';
import type { RandomInt } from '../game-rules.js';
import * as yours from '../workshop/cpu-rng.js';

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
  // Named, as the closure below is, so that a CPU profile shows the search by name.
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

/** Fixed: the operating system's cryptographic generator takes microseconds and is fairer too. */
export const cryptoRandom: RandomInt = (min, max) => cryptoRandomInt(min, max + 1);

/**
 * Runs `draw` with the request's generator, inside the `cpu-rng (<mode>)` span: a long span with no
 * children is the slow generator's CPU time. The slow one counts against the service's
 * slow-variant limit before the first number. `primes`: the slow generator's search length.
 */
export function drawWithRng<T>(scope: RequestScope, primes: number, draw: (randomInt: RandomInt) => T): T {
  return runVariant(scope, 'cpu-rng', {
    slow: () => draw(primeSearchRandomInt(primes)),
    fixed: () => draw(cryptoRandom),
    // The workshop attendee's version (src/workshop/cpu-rng.ts).
    yours: () => draw(yours.randomIntFor(primes)),
  });
}

/**
 * For a bet: admits the request's draw with the slow generator (or the attendee's) before the bet
 * is charged, so that a draw the CPU budget refuses refuses the bet before any money moves. A
 * reservation only: `drawWithRng` then runs the twin, through the admission made here.
 */
export function reserveSlowDraw(scope: RequestScope): void {
  runsSlowVariant(scope, 'cpu-rng');
}
