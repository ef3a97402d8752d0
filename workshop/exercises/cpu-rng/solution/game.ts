/**
 * Workshop exercise `cpu-rng`: where a round's random numbers come from. Reference fix: the
 * operating system's cryptographic generator draws a number in microseconds, and fairly.
 */
import { randomInt } from 'node:crypto';
import type { RandomInt } from '../game-rules.js';

/** A generator of integers from `min` to `max` inclusive; `primes` is the slow search's length (PRIME_RNG_PRIMES). */
export function randomIntFor(_primes: number): RandomInt {
  // crypto.randomInt's upper bound is exclusive.
  return (min, max) => randomInt(min, max + 1);
}
