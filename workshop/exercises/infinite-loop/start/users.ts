/**
 * Workshop exercise `infinite-loop`: walking a player's rounds, ordered by bet size (largest first,
 * then round id), `pageSize` rows at a time, and returning every row once. It runs for requests in
 * mode `yours` (`npm run workshop -- check infinite-loop`). It starts as the slow twin: make the
 * walk end on any data, ties included. `guard.tick` stops a walk that runs too long
 * (LOOP_GUARD_TRIPPED).
 */
import type { LoopGuard } from '../loop-guard.js';
import type { StakeRow } from '../repositories/rounds.js';
import { firstIndexWhere } from '../scenarios/infinite-loop.js';

export function pageByBetSize(rows: readonly StakeRow[], pageSize: number, guard: LoopGuard): StakeRow[] {
  const seen = new Map<string, StakeRow>();
  let cursor = Infinity;
  for (let pages = 1; ; pages++) {
    const start = firstIndexWhere(rows, (row) => row.betCents <= cursor);
    const page = rows.slice(start, start + pageSize);
    for (const row of page) seen.set(row.id, row);
    if (page.length < pageSize) return [...seen.values()];
    cursor = page[page.length - 1]!.betCents;
    guard.tick(() => `stakeProfile: pagination had not ended after ${pages} pages of ${pageSize} rounds (cursor at bet size ${cursor})`);
  }
}
