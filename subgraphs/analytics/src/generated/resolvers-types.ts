import type { GraphQLResolveInfo } from 'graphql';
import type { PlayerMetricsRow, DailyStatRow, GameLeaderRow } from '../repositories/rounds.js';
import type { GameReference } from '../game-reference.js';
import type { RoundDocument } from '../database.js';
import type { AnalyticsContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Totals of one day (UTC). */
export type DailyStat = {
  __typename?: 'DailyStat';
  day: Scalars['String']['output'];
  paidOutCents: Scalars['Int']['output'];
  /** Distinct players who played that day. */
  players: Scalars['Int']['output'];
  rounds: Scalars['Int']['output'];
  wageredCents: Scalars['Int']['output'];
};

/** A game of the catalog; the game subgraph owns its other fields. */
export type Game = {
  __typename?: 'Game';
  id: Scalars['ID']['output'];
  /** The players who won the most on this game, best first. */
  topPlayers: Array<GameLeader>;
};


/** A game of the catalog; the game subgraph owns its other fields. */
export type GameTopPlayersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** A player's totals on one game. */
export type GameLeader = {
  __typename?: 'GameLeader';
  /** Payouts minus bets on this game. */
  netCents: Scalars['Int']['output'];
  paidOutCents: Scalars['Int']['output'];
  player: Player;
  roundsPlayed: Scalars['Int']['output'];
  wageredCents: Scalars['Int']['output'];
};

/** A player as analytics sees them: metrics computed from every round they played. */
export type Player = {
  __typename?: 'Player';
  id: Scalars['ID']['output'];
  /** Null, with an UPSTREAM_UNAVAILABLE error, while analytics cannot reach its database: the player's other fields still answer. */
  metrics?: Maybe<PlayerMetrics>;
};

export type PlayerMetrics = {
  __typename?: 'PlayerMetrics';
  /** The largest payout minus bet of a single round. */
  biggestWinCents: Scalars['Int']['output'];
  /** The game played most often; null for a player with no rounds. */
  favouriteGame?: Maybe<Game>;
  lastPlayedAt?: Maybe<Scalars['String']['output']>;
  /** Payouts minus bets: what the player won (positive) or lost overall. */
  netCents: Scalars['Int']['output'];
  paidOutCents: Scalars['Int']['output'];
  player: Player;
  roundsPlayed: Scalars['Int']['output'];
  wageredCents: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Totals per day for the `days` days up to the newest round played, oldest first. */
  dailyStats: Array<DailyStat>;
  /** The players who won the most on one game, best first: what `Game.topPlayers` answers, asked without the Game. */
  gameLeaderboard: Array<GameLeader>;
  /** The players who won the most overall (payouts minus bets), best first. */
  leaderboard: Array<PlayerMetrics>;
  /** A player's newest rounds, newest first: their activity feed (empty for a player with no rounds). */
  playerActivity: Array<RecordedRound>;
};


export type QueryDailyStatsArgs = {
  days?: InputMaybe<Scalars['Int']['input']>;
  gameId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryGameLeaderboardArgs = {
  gameId: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryLeaderboardArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPlayerActivityArgs = {
  last?: InputMaybe<Scalars['Int']['input']>;
  playerId: Scalars['ID']['input'];
};

/** A round as analytics recorded it. */
export type RecordedRound = {
  __typename?: 'RecordedRound';
  betCents: Scalars['Int']['output'];
  game: Game;
  id: Scalars['ID']['output'];
  payoutCents: Scalars['Int']['output'];
  playedAt: Scalars['String']['output'];
  player: Player;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Game: Game;
  Player: Player;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Game:
    ( { __typename: 'Game' }
    & GraphQLRecursivePick<FederationTypes['Game'], {"id":true}> );
  Player:
    ( { __typename: 'Player' }
    & GraphQLRecursivePick<FederationTypes['Player'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DailyStat: ResolverTypeWrapper<DailyStatRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Game: ResolverTypeWrapper<GameReference>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  GameLeader: ResolverTypeWrapper<GameLeaderRow>;
  Player: ResolverTypeWrapper<Omit<Player, 'metrics'> & { metrics?: Maybe<ResolversTypes['PlayerMetrics']> }>;
  PlayerMetrics: ResolverTypeWrapper<PlayerMetricsRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordedRound: ResolverTypeWrapper<RoundDocument>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DailyStat: DailyStatRow;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  Game: GameReference;
  ID: Scalars['ID']['output'];
  GameLeader: GameLeaderRow;
  Player: Omit<Player, 'metrics'> & { metrics?: Maybe<ResolversParentTypes['PlayerMetrics']> } | FederationReferenceTypes['Player'];
  PlayerMetrics: PlayerMetricsRow;
  Query: Record<PropertyKey, never>;
  RecordedRound: RoundDocument;
  Boolean: Scalars['Boolean']['output'];
}>;

export type DailyStatResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['DailyStat'] = ResolversParentTypes['DailyStat']> = ResolversObject<{
  day?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paidOutCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  players?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rounds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  wageredCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type GameResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Game'] = ResolversParentTypes['Game'], FederationReferenceType extends FederationReferenceTypes['Game'] = FederationReferenceTypes['Game']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Game']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  topPlayers?: Resolver<Array<ResolversTypes['GameLeader']>, ParentType, ContextType, RequireFields<GameTopPlayersArgs, 'limit'>>;
}>;

export type GameLeaderResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['GameLeader'] = ResolversParentTypes['GameLeader']> = ResolversObject<{
  netCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  paidOutCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  player?: Resolver<ResolversTypes['Player'], ParentType, ContextType>;
  roundsPlayed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  wageredCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type PlayerResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Player'] = ResolversParentTypes['Player'], FederationReferenceType extends FederationReferenceTypes['Player'] = FederationReferenceTypes['Player']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Player']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metrics?: Resolver<Maybe<ResolversTypes['PlayerMetrics']>, ParentType, ContextType>;
}>;

export type PlayerMetricsResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['PlayerMetrics'] = ResolversParentTypes['PlayerMetrics']> = ResolversObject<{
  biggestWinCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  favouriteGame?: Resolver<Maybe<ResolversTypes['Game']>, ParentType, ContextType>;
  lastPlayedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  netCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  paidOutCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  player?: Resolver<ResolversTypes['Player'], ParentType, ContextType>;
  roundsPlayed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  wageredCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  dailyStats?: Resolver<Array<ResolversTypes['DailyStat']>, ParentType, ContextType, RequireFields<QueryDailyStatsArgs, 'days'>>;
  gameLeaderboard?: Resolver<Array<ResolversTypes['GameLeader']>, ParentType, ContextType, RequireFields<QueryGameLeaderboardArgs, 'gameId' | 'limit'>>;
  leaderboard?: Resolver<Array<ResolversTypes['PlayerMetrics']>, ParentType, ContextType, RequireFields<QueryLeaderboardArgs, 'limit'>>;
  playerActivity?: Resolver<Array<ResolversTypes['RecordedRound']>, ParentType, ContextType, RequireFields<QueryPlayerActivityArgs, 'last' | 'playerId'>>;
}>;

export type RecordedRoundResolvers<ContextType = AnalyticsContext, ParentType extends ResolversParentTypes['RecordedRound'] = ResolversParentTypes['RecordedRound']> = ResolversObject<{
  betCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  game?: Resolver<ResolversTypes['Game'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payoutCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  playedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  player?: Resolver<ResolversTypes['Player'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = AnalyticsContext> = ResolversObject<{
  DailyStat?: DailyStatResolvers<ContextType>;
  Game?: GameResolvers<ContextType>;
  GameLeader?: GameLeaderResolvers<ContextType>;
  Player?: PlayerResolvers<ContextType>;
  PlayerMetrics?: PlayerMetricsResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecordedRound?: RecordedRoundResolvers<ContextType>;
}>;

