import type { AnalyticsDb, RoundDocument } from '../database.js';
import { insertIgnoringDuplicates } from '../database.js';

export interface PlayerMetricsRow {
  playerId: number;
  roundsPlayed: number;
  wageredCents: number;
  paidOutCents: number;
  biggestWinCents: number;
  favouriteGameId: string | null;
  lastPlayedAt: Date | null;
}

export interface DailyStatRow {
  day: string;
  rounds: number;
  players: number;
  wageredCents: number;
  paidOutCents: number;
}

export async function recordRound(analytics: AnalyticsDb, round: RoundDocument): Promise<void> {
  await insertIgnoringDuplicates(analytics.rounds, [round]);
}

/** Metrics of many players in one aggregation: per player and game first, then per player. */
export function findMetricsByPlayerIds(analytics: AnalyticsDb, playerIds: readonly number[]): Promise<PlayerMetricsRow[]> {
  return analytics.rounds
    .aggregate<PlayerMetricsRow>([
      { $match: { playerId: { $in: [...playerIds] } } },
      {
        $group: {
          _id: { playerId: '$playerId', gameId: '$gameId' },
          rounds: { $sum: 1 },
          wageredCents: { $sum: '$betCents' },
          paidOutCents: { $sum: '$payoutCents' },
          biggestWinCents: { $max: { $subtract: ['$payoutCents', '$betCents'] } },
          lastPlayedAt: { $max: '$playedAt' },
        },
      },
      { $sort: { rounds: -1, '_id.gameId': 1 } },
      {
        $group: {
          _id: '$_id.playerId',
          roundsPlayed: { $sum: '$rounds' },
          wageredCents: { $sum: '$wageredCents' },
          paidOutCents: { $sum: '$paidOutCents' },
          biggestWinCents: { $max: '$biggestWinCents' },
          favouriteGameId: { $first: '$_id.gameId' },
          lastPlayedAt: { $max: '$lastPlayedAt' },
        },
      },
      { $addFields: { playerId: '$_id' } },
      { $project: { _id: 0 } },
    ])
    .toArray();
}

/** The time of the newest round, or null when there are none. */
export async function findNewestRoundTime(analytics: AnalyticsDb): Promise<Date | null> {
  const newest = await analytics.rounds
    .find({}, { projection: { playedAt: 1 } })
    .sort({ playedAt: -1 })
    .limit(1)
    .next();
  return newest?.playedAt ?? null;
}

export interface GameLeaderRow {
  playerId: number;
  roundsPlayed: number;
  wageredCents: number;
  paidOutCents: number;
}

/** The players who won the most on one game, best first (ties by player id), in one pipeline over the (gameId, playedAt) index. */
export function findTopPlayersByGame(analytics: AnalyticsDb, gameId: string, limit: number): Promise<GameLeaderRow[]> {
  return analytics.rounds
    .aggregate<GameLeaderRow>([
      { $match: { gameId } },
      {
        $group: {
          _id: '$playerId',
          roundsPlayed: { $sum: 1 },
          wageredCents: { $sum: '$betCents' },
          paidOutCents: { $sum: '$payoutCents' },
          netCents: { $sum: { $subtract: ['$payoutCents', '$betCents'] } },
        },
      },
      { $sort: { netCents: -1, _id: 1 } },
      { $limit: limit },
      { $project: { _id: 0, playerId: '$_id', roundsPlayed: 1, wageredCents: 1, paidOutCents: 1 } },
    ])
    .toArray();
}
