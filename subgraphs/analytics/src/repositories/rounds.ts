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

/** A round's figures for the slow twins, which add them up in JavaScript. */
export type RoundFigures = Pick<RoundDocument, 'playerId' | 'betCents' | 'payoutCents'>;
export type DatedRoundFigures = RoundFigures & Pick<RoundDocument, 'playedAt'>;

/**
 * The scans below read as if the indexes did not exist: a `$natural` hint is a full collection
 * scan, whatever the filter. Only the slow twins of slow-aggregation use them.
 */
const COLLECTION_SCAN = { $natural: 1 } as const;
/** Documents per batch when pulling them into JavaScript: one `getMore` per further batch. */
const SCAN_BATCH = 5000;

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

/** Every round's figures, the whole collection over the wire (a scan, one `getMore` per batch). */
export function scanAllRoundFigures(analytics: AnalyticsDb): Promise<RoundFigures[]> {
  return analytics.rounds
    .find({}, { projection: { playerId: 1, betCents: 1, payoutCents: 1 } })
    .hint(COLLECTION_SCAN)
    .batchSize(SCAN_BATCH)
    .toArray();
}

/** Every round of one player, by a full scan. */
export function scanRoundsOfPlayer(analytics: AnalyticsDb, playerId: number): Promise<RoundDocument[]> {
  return analytics.rounds.find({ playerId }).hint(COLLECTION_SCAN).batchSize(SCAN_BATCH).toArray();
}

/** The dated figures of every round of one game (or of all of them), by a full scan. */
export function scanDatedRoundFigures(analytics: AnalyticsDb, gameId: string | null): Promise<DatedRoundFigures[]> {
  return analytics.rounds
    .find(gameId ? { gameId } : {}, { projection: { playerId: 1, betCents: 1, payoutCents: 1, playedAt: 1 } })
    .hint(COLLECTION_SCAN)
    .batchSize(SCAN_BATCH)
    .toArray();
}

/** The ids of the `limit` players who won the most (payouts minus bets), ranked inside the database. */
export async function findLeaderIds(analytics: AnalyticsDb, limit: number): Promise<number[]> {
  const leaders = await analytics.rounds
    .aggregate<{ playerId: number }>([
      { $group: { _id: '$playerId', netCents: { $sum: { $subtract: ['$payoutCents', '$betCents'] } } } },
      { $sort: { netCents: -1, _id: 1 } },
      { $limit: limit },
      { $project: { _id: 0, playerId: '$_id' } },
    ])
    .toArray();
  return leaders.map((leader) => leader.playerId);
}

/** Totals per UTC day in [from, to), of one game or all, oldest first; the (gameId, playedAt) index serves the `$match`. */
export function findDailyStats(analytics: AnalyticsDb, from: Date, to: Date, gameId: string | null): Promise<DailyStatRow[]> {
  return analytics.rounds
    .aggregate<DailyStatRow>([
      { $match: { ...(gameId ? { gameId } : {}), playedAt: { $gte: from, $lt: to } } },
      {
        $group: {
          _id: { $dateToString: { format: '%Y-%m-%d', date: '$playedAt' } },
          rounds: { $sum: 1 },
          players: { $addToSet: '$playerId' },
          wageredCents: { $sum: '$betCents' },
          paidOutCents: { $sum: '$payoutCents' },
        },
      },
      { $sort: { _id: 1 } },
      { $project: { _id: 0, day: '$_id', rounds: 1, players: { $size: '$players' }, wageredCents: 1, paidOutCents: 1 } },
    ])
    .toArray();
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
