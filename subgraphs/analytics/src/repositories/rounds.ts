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

/** A player's `last` newest rounds, newest first. */
export function findNewestRoundsOfPlayer(analytics: AnalyticsDb, playerId: number, last: number): Promise<RoundDocument[]> {
  return analytics.rounds.find({ playerId }).sort({ playedAt: -1, _id: 1 }).limit(last).toArray();
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
