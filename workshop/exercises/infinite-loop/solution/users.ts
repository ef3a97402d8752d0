/**
 * Workshop exercise `infinite-loop`: walking a player's rounds, ordered by bet size (largest first,
 * then round id), `pageSize` rows at a time, and returning every row once. Reference fix: the
 * cursor is the last row's (bet size, round id); ids are unique, so each page starts strictly
 * after the previous one and the walk ends by construction.
 */
import type { LoopGuard } from '../loop-guard.js';
import type { StakeRow } from '../repositories/rounds.js';
import { byBetSizeThenId, firstIndexWhere } from '../scenarios/infinite-loop.js';

export function pageByBetSize(rows: readonly StakeRow[], pageSize: number, _guard: LoopGuard): StakeRow[] {
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
