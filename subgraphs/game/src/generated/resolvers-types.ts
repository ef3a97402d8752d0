import type { GraphQLResolveInfo } from 'graphql';
import type { GameRow } from '../repositories/games.js';
import type { GameContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

/** What the RNG drew for one spin. */
export type Draw = {
  __typename?: 'Draw';
  draw: Scalars['String']['output'];
  /** Short result, e.g. 'loss' or 'win x2'. */
  outcome: Scalars['String']['output'];
  payoutCents: Scalars['Int']['output'];
  won: Scalars['Boolean']['output'];
};

/** A game of the catalog, with its bet limits. */
export type Game = {
  __typename?: 'Game';
  id: Scalars['ID']['output'];
  kind: GameKind;
  maxBetCents: Scalars['Int']['output'];
  minBetCents: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** Share of wagers paid back over time, in percent. */
  rtpPercent: Scalars['Float']['output'];
};

export enum GameKind {
  Dice = 'DICE',
  Roulette = 'ROULETTE',
  Slots = 'SLOTS'
}

export type Mutation = {
  __typename?: 'Mutation';
  /** Plays one round: charges the bet through the payment provider, draws the result and records it. */
  playRound: PlayedRound;
};


export type MutationPlayRoundArgs = {
  input: PlayRoundInput;
};

export type PlayRoundInput = {
  betCents: Scalars['Int']['input'];
  /**
   * What the player bets on. DICE: "over:N" or "under:N" with N from 2 to 98 (default "over:50").
   * ROULETTE: "red", "black", "even", "odd" or a number from 0 to 36 (default "red"). SLOTS: none.
   */
  choice?: InputMaybe<Scalars['String']['input']>;
  gameId: Scalars['ID']['input'];
  /** Sent again on a retry so the bet is charged once; a new key is made when omitted. */
  idempotencyKey?: InputMaybe<Scalars['ID']['input']>;
  playerId: Scalars['ID']['input'];
};

/** The result of playing a round. */
export type PlayedRound = {
  __typename?: 'PlayedRound';
  balanceCents: Scalars['Int']['output'];
  /** What the RNG drew, e.g. 'SEVEN SEVEN BELL', 'rolled 73', 'pocket 17 red'. */
  draw: Scalars['String']['output'];
  payoutCents: Scalars['Int']['output'];
  round: Round;
  won: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Spins a game for fun: no bet is charged and nothing is recorded; payouts are for the minimum bet. */
  freePlay: Array<Draw>;
  /** One game; an unknown id is a NOT_FOUND error. */
  game: Game;
  /** Every game of the catalog. */
  games: Array<Game>;
};


export type QueryFreePlayArgs = {
  choice?: InputMaybe<Scalars['String']['input']>;
  gameId: Scalars['ID']['input'];
  spins?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryGameArgs = {
  id: Scalars['ID']['input'];
};

/** A round of a player's history; the users subgraph owns its fields. */
export type Round = {
  __typename?: 'Round';
  id: Scalars['ID']['output'];
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
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Game:
    ( { __typename: 'Game' }
    & GraphQLRecursivePick<FederationTypes['Game'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Draw: ResolverTypeWrapper<Draw>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Game: ResolverTypeWrapper<GameRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GameKind: GameKind;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PlayRoundInput: PlayRoundInput;
  PlayedRound: ResolverTypeWrapper<PlayedRound>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Round: ResolverTypeWrapper<Round>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Draw: Draw;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  Boolean: Scalars['Boolean']['output'];
  Game: GameRow;
  ID: Scalars['ID']['output'];
  Float: Scalars['Float']['output'];
  Mutation: Record<PropertyKey, never>;
  PlayRoundInput: PlayRoundInput;
  PlayedRound: PlayedRound;
  Query: Record<PropertyKey, never>;
  Round: Round;
}>;

export type DrawResolvers<ContextType = GameContext, ParentType extends ResolversParentTypes['Draw'] = ResolversParentTypes['Draw']> = ResolversObject<{
  draw?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  payoutCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  won?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type GameResolvers<ContextType = GameContext, ParentType extends ResolversParentTypes['Game'] = ResolversParentTypes['Game'], FederationReferenceType extends FederationReferenceTypes['Game'] = FederationReferenceTypes['Game']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Game']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['GameKind'], ParentType, ContextType>;
  maxBetCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minBetCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rtpPercent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = GameContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  playRound?: Resolver<ResolversTypes['PlayedRound'], ParentType, ContextType, RequireFields<MutationPlayRoundArgs, 'input'>>;
}>;

export type PlayedRoundResolvers<ContextType = GameContext, ParentType extends ResolversParentTypes['PlayedRound'] = ResolversParentTypes['PlayedRound']> = ResolversObject<{
  balanceCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  draw?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  payoutCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  round?: Resolver<ResolversTypes['Round'], ParentType, ContextType>;
  won?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = GameContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  freePlay?: Resolver<Array<ResolversTypes['Draw']>, ParentType, ContextType, RequireFields<QueryFreePlayArgs, 'gameId' | 'spins'>>;
  game?: Resolver<ResolversTypes['Game'], ParentType, ContextType, RequireFields<QueryGameArgs, 'id'>>;
  games?: Resolver<Array<ResolversTypes['Game']>, ParentType, ContextType>;
}>;

export type RoundResolvers<ContextType = GameContext, ParentType extends ResolversParentTypes['Round'] = ResolversParentTypes['Round']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = GameContext> = ResolversObject<{
  Draw?: DrawResolvers<ContextType>;
  Game?: GameResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PlayedRound?: PlayedRoundResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Round?: RoundResolvers<ContextType>;
}>;

