import { fromMongo } from '../database.js';
import { Game } from './Game.js';
import { GameLeader } from './GameLeader.js';
import { Player } from './Player.js';
import { PlayerMetrics } from './PlayerMetrics.js';
import { Query } from './Query.js';
import { RecordedRound } from './RecordedRound.js';

type Resolver = (...args: never[]) => unknown;

/** The same resolvers, each turning a MongoDB failure into a coded error naming the analytics database. */
function reportingMongoFailures<Type extends Record<string, Resolver>>(resolvers: Type): Type {
  return Object.fromEntries(
    Object.entries(resolvers).map(([field, resolve]) => [
      field,
      async (...args: Parameters<Resolver>) => {
        try {
          return await resolve(...args);
        } catch (error) {
          throw fromMongo(error);
        }
      },
    ]),
  ) as Type;
}

// Player.metrics goes through the context's DataLoader, which does the same.
export const resolvers = {
  Query: reportingMongoFailures(Query),
  Game: reportingMongoFailures(Game),
  GameLeader,
  Player,
  PlayerMetrics,
  RecordedRound,
};
