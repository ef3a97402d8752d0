/**
 * Workshop exercise `regex-backtracking`: the pattern a display name must match, "words of letters
 * and digits, each followed by at most one space". Reference fix: written so that one path matches
 * at each character (a space always starts a new word), a refusal takes one pass: linear time.
 */
export const DISPLAY_NAME_PATTERN = /^[a-zA-Z0-9]+(?:\s[a-zA-Z0-9]+)*\s?$/;
