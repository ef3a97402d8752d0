/**
 * Scenario `infinite-loop`: a player's stake profile (rounds and payouts per bet size, largest bet
 * first). The player's rounds are read in one SELECT, ordered by bet size, and walked a page at a
 * time with a keyset cursor, the way code walks any paginated source to its end (an export, a
 * report over an API's pages, a sync job). The pages come from memory, so the walk never awaits:
 * it holds the event loop for as long as it runs. The two twins walk the same ordered rows and
 * differ only in their cursor; the slow one sits above its fixed twin.
 */
import { runVariant, type RequestScope } from '@trace-arcade/service-runtime';
import { LoopGuard } from '../loop-guard.js';
import type { StakeRow } from '../repositories/rounds.js';
import * as yours from '../workshop/infinite-loop.js';

/** The largest page the walk accepts (`stakeProfile(pageSize:)`). */
export const STAKE_PAGE_MAX = 100;

/** One bet size of a player's stake profile. */
export interface StakeLevel {
  betCents: number;
  rounds: number;
  payoutCents: number;
}

/** The order both twins walk: bet size, largest first; then round id, so that ties have an order too. */
export function byBetSizeThenId(a: StakeRow, b: StakeRow): number {
  return b.betCents - a.betCents || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The first index of `rows` where `after` holds, for a predicate false up to some index and true from it on (binary search). */
export function firstIndexWhere(rows: readonly StakeRow[], after: (row: StakeRow) => boolean): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (after(rows[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Slow: the cursor is the last bet size seen, and the next page starts at the first row whose bet
 * is at most that size. Inclusive on purpose: a strict `<` would skip the rest of a bet size cut
 * by the page boundary, so the rows a page repeats are dropped by id instead. That works while
 * every bet size has fewer rows than a page. Once a whole page holds one bet size, its last row
 * has the bet the page started at: the cursor does not move, the next page is the same page, and
 * "stop at a short page" never comes. Only `guard` ends it (LOOP_GUARD_TRIPPED), after a deadline
 * of wall time spent on the event loop.
 */
export function pageByBetSizeSlow(rows: readonly StakeRow[], pageSize: number, guard: LoopGuard): StakeRow[] {
  const seen = new Map<string, StakeRow>();
  let cursor = Infinity;
  let stuckPages = 0;
  for (let pages = 1; ; pages++) {
    const start = firstIndexWhere(rows, (row) => row.betCents <= cursor);
    const page = rows.slice(start, start + pageSize);
    for (const row of page) seen.set(row.id, row);
    if (page.length < pageSize) return [...seen.values()];
    const next = page[page.length - 1]!.betCents;
    stuckPages = next === cursor ? stuckPages + 1 : 0;
    cursor = next;
    guard.tick(() =>
      stuckPages > 0
        ? `stakeProfile: pagination made no progress after ${pages} pages: the cursor did not advance past bet size ${cursor} for the last ${stuckPages} pages of ${pageSize} rounds (a page made entirely of ties)`
        : `stakeProfile: pagination had not ended after ${pages} pages of ${pageSize} rounds (cursor at bet size ${cursor})`,
    );
  }
}

/**
 * Fixed: the cursor is the last row's (bet size, round id), and the next page starts at the first
 * row strictly after it in the walk's order. Ids are unique, so no two rows share a cursor: each
 * page starts past the previous one, and a walk over n rows ends after at most n / pageSize + 1
 * pages, whatever the data. Every row is visited once; nothing needs dropping.
 */
export function pageByBetSizeFixed(rows: readonly StakeRow[], pageSize: number): StakeRow[] {
  const visited: StakeRow[] = [];
  let cursor: StakeRow | undefined;
  for (;;) {
    const after = cursor;
    const start = after === undefined ? 0 : firstIndexWhere(rows, (row) => byBetSizeThenId(after, row) < 0);
    const page = rows.slice(start, start + pageSize);
    visited.push(...page);
    if (page.length < pageSize) return visited;
    cursor = page[page.length - 1]!;
  }
}

/** Rounds and payouts per bet size, largest bet first. */
export function stakeLevels(rows: readonly StakeRow[]): StakeLevel[] {
  const levels = new Map<number, StakeLevel>();
  for (const row of rows) {
    const level = levels.get(row.betCents) ?? { betCents: row.betCents, rounds: 0, payoutCents: 0 };
    level.rounds++;
    level.payoutCents += row.payoutCents;
    levels.set(row.betCents, level);
  }
  return [...levels.values()].sort((a, b) => b.betCents - a.betCents);
}

/**
 * The stake profile of a player's rounds (in any order), walked `pageSize` rounds at a time with
 * the request's variant of the cursor, inside the span `infinite-loop (<mode>)`. The slow walk
 * stops at `guardMs` of wall time with LOOP_GUARD_TRIPPED.
 */
export function stakeProfile(scope: RequestScope, rows: readonly StakeRow[], pageSize: number, guardMs: number): StakeLevel[] {
  const ordered = [...rows].sort(byBetSizeThenId);
  return runVariant(scope, 'infinite-loop', {
    slow: () => stakeLevels(pageByBetSizeSlow(ordered, pageSize, new LoopGuard(guardMs))),
    fixed: () => stakeLevels(pageByBetSizeFixed(ordered, pageSize)),
    // The workshop attendee's version (src/workshop/infinite-loop.ts), under the same guard.
    yours: () => stakeLevels(yours.pageByBetSize(ordered, pageSize, new LoopGuard(guardMs))),
  });
}
