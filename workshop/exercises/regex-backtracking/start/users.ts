/**
 * Workshop exercise `regex-backtracking`: the pattern a display name must match, "words of letters
 * and digits, each followed by at most one space". It runs for requests in mode `yours` (`npm run
 * workshop -- check regex-backtracking`). It starts as the slow twin: accept exactly the same
 * names, and refuse `TheLegendaryDragonSlayer2026!` in microseconds.
 */
export const DISPLAY_NAME_PATTERN = /^([a-zA-Z0-9]+\s?)+$/;
