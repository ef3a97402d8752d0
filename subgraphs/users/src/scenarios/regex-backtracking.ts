/**
 * Scenario `regex-backtracking`: validating a display name. Both twins accept exactly the same
 * names (regex-backtracking.test.ts checks every short string); they differ only in how much
 * work a name they refuse can cost. The slow pattern sits above its fixed twin.
 */
import { graphQLError, runVariant, type RequestScope } from '@trace-arcade/service-runtime';
import * as yours from '../workshop/regex-backtracking.js';

/**
 * Slow: "words of letters and digits, each followed by at most one space", written the way it
 * reads, with a quantifier inside a quantifier. On a name that fails at its very end, such as 28
 * letters and a `!`, the backtracking engine tries every way to cut the letters into words before
 * it gives up: 2^27 attempts, about a second of synchronous work during which the process serves
 * nobody else. Each extra character doubles it.
 */
export const BACKTRACKING_DISPLAY_NAME = /^([a-zA-Z0-9]+\s?)+$/;

/**
 * Fixed: the same language written so that only one path can match at each character: a word,
 * then any number of (one space, a word), then an optional trailing space. A space always starts
 * a new group and a letter never does, so a failure is found in one pass: linear time.
 */
export const LINEAR_DISPLAY_NAME = /^[a-zA-Z0-9]+(?:\s[a-zA-Z0-9]+)*\s?$/;

/**
 * V8 runs a regular expression in its bytecode interpreter the first time, about 10x slower, and
 * compiles it to machine code from the second run on. Run each pattern once as the service starts,
 * so the length limit below holds from the first request: interpreted, the catalog input would
 * block about 10 s instead of 1 s.
 */
for (const pattern of [BACKTRACKING_DISPLAY_NAME, LINEAR_DISPLAY_NAME, yours.DISPLAY_NAME_PATTERN]) pattern.test('warm up');

/**
 * The longest name accepted, in UTF-16 code units (what the pattern walks). Chosen so that the
 * worst input for the slow pattern, which is the catalog's (28 letters and a `!`), blocks about
 * 1 s on a 2-core machine of 2026 and at most a few seconds on a slower one; every character
 * more would double it.
 */
export const MAX_DISPLAY_NAME_LENGTH = 29;

export const DISPLAY_NAME_RULE = 'letters and digits in words separated by single spaces';

export interface DisplayNameCheck {
  valid: boolean;
  /** Why the name is refused; null when it is valid. */
  reason: string | null;
}

/** Whether `name` is a valid display name, by the given pattern. */
export function checkWith(pattern: RegExp, name: string): DisplayNameCheck {
  return pattern.test(name) ? { valid: true, reason: null } : { valid: false, reason: `expected ${DISPLAY_NAME_RULE}` };
}

/**
 * Checks a display name with the request's variant of the pattern, inside the span
 * `regex-backtracking (<mode>)`. A name longer than MAX_DISPLAY_NAME_LENGTH is a BAD_USER_INPUT
 * error before any pattern runs, in both variants.
 */
export function checkDisplayName(scope: RequestScope, argument: string, name: string): DisplayNameCheck {
  if (name.length > MAX_DISPLAY_NAME_LENGTH) {
    throw graphQLError(
      'BAD_USER_INPUT',
      `${argument}: expected a display name of at most ${MAX_DISPLAY_NAME_LENGTH} characters; got ${name.length}`,
      { argument },
    );
  }
  return runVariant(scope, 'regex-backtracking', {
    slow: () => checkWith(BACKTRACKING_DISPLAY_NAME, name),
    fixed: () => checkWith(LINEAR_DISPLAY_NAME, name),
    // The workshop attendee's pattern (src/workshop/regex-backtracking.ts).
    yours: () => checkWith(yours.DISPLAY_NAME_PATTERN, name),
  });
}
