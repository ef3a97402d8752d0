import type { GraphQLResolveInfo } from 'graphql';
import type { PlayerRow } from '../repositories/players.js';
import type { RoundRow } from '../repositories/rounds.js';
import type { UsersContext } from '../context.js';
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

/** The answer of checkDisplayName. */
export type DisplayNameCheck = {
  __typename?: 'DisplayNameCheck';
  /** Why the name is refused; null when it is valid. */
  reason?: Maybe<Scalars['String']['output']>;
  valid: Scalars['Boolean']['output'];
};

/** A game of the catalog; the game subgraph owns its fields. */
export type Game = {
  __typename?: 'Game';
  id: Scalars['ID']['output'];
};

/** Someone who plays on the platform. */
export type Player = {
  __typename?: 'Player';
  /** ISO 3166-1 alpha-2 country code. */
  country: Scalars['String']['output'];
  displayName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  joinedAt: Scalars['String']['output'];
  /** The player's most recent rounds, newest first. */
  rounds: Array<Round>;
  /**
   * How many rounds the player has staked at each bet size, and what they paid out, largest bet first.
   * Built by walking the player's rounds a page at a time in bet-size order (scenario infinite-loop):
   * the slow variant's walk may not end, and is stopped by a guard with a LOOP_GUARD_TRIPPED error.
   */
  stakeProfile: Array<StakeLevel>;
  username: Scalars['String']['output'];
  wallet: Wallet;
};


/** Someone who plays on the platform. */
export type PlayerRoundsArgs = {
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Someone who plays on the platform. */
export type PlayerStakeProfileArgs = {
  pageSize?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** Whether a name is a valid display name: letters and digits in words separated by single spaces. At most 29 characters; a longer one is a BAD_USER_INPUT error. */
  checkDisplayName: DisplayNameCheck;
  /** One player; an unknown id is a NOT_FOUND error. */
  player: Player;
  /** Players ordered by id, a page at a time. */
  players: Array<Player>;
};


export type QueryCheckDisplayNameArgs = {
  name: Scalars['String']['input'];
};


export type QueryPlayerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPlayersArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One round a player played: an entry of their game history. */
export type Round = {
  __typename?: 'Round';
  betCents: Scalars['Int']['output'];
  game: Game;
  id: Scalars['ID']['output'];
  /** What happened, e.g. 'loss' or 'win x5'. */
  outcome: Scalars['String']['output'];
  payoutCents: Scalars['Int']['output'];
  playedAt: Scalars['String']['output'];
  player: Player;
};

/** The rounds a player staked at one bet size. */
export type StakeLevel = {
  __typename?: 'StakeLevel';
  betCents: Scalars['Int']['output'];
  /** What these rounds paid out, in cents. */
  payoutCents: Scalars['Int']['output'];
  rounds: Scalars['Int']['output'];
};

/** The money a player holds on the platform. */
export type Wallet = {
  __typename?: 'Wallet';
  balanceCents: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
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
  Player: Player;
  Round: Round;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Player:
    ( { __typename: 'Player' }
    & GraphQLRecursivePick<FederationTypes['Player'], {"id":true}> );
  Round:
    ( { __typename: 'Round' }
    & GraphQLRecursivePick<FederationTypes['Round'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DisplayNameCheck: ResolverTypeWrapper<DisplayNameCheck>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Game: ResolverTypeWrapper<Game>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Player: ResolverTypeWrapper<PlayerRow>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Round: ResolverTypeWrapper<RoundRow>;
  StakeLevel: ResolverTypeWrapper<StakeLevel>;
  Wallet: ResolverTypeWrapper<Wallet>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DisplayNameCheck: DisplayNameCheck;
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  Game: Game;
  ID: Scalars['ID']['output'];
  Player: PlayerRow;
  Int: Scalars['Int']['output'];
  Query: Record<PropertyKey, never>;
  Round: RoundRow;
  StakeLevel: StakeLevel;
  Wallet: Wallet;
}>;

export type DisplayNameCheckResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['DisplayNameCheck'] = ResolversParentTypes['DisplayNameCheck']> = ResolversObject<{
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type GameResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Game'] = ResolversParentTypes['Game']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PlayerResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Player'] = ResolversParentTypes['Player'], FederationReferenceType extends FederationReferenceTypes['Player'] = FederationReferenceTypes['Player']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Player']> | FederationReferenceType, FederationReferenceType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  joinedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rounds?: Resolver<Array<ResolversTypes['Round']>, ParentType, ContextType, RequireFields<PlayerRoundsArgs, 'last'>>;
  stakeProfile?: Resolver<Array<ResolversTypes['StakeLevel']>, ParentType, ContextType, RequireFields<PlayerStakeProfileArgs, 'pageSize'>>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  wallet?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  checkDisplayName?: Resolver<ResolversTypes['DisplayNameCheck'], ParentType, ContextType, RequireFields<QueryCheckDisplayNameArgs, 'name'>>;
  player?: Resolver<ResolversTypes['Player'], ParentType, ContextType, RequireFields<QueryPlayerArgs, 'id'>>;
  players?: Resolver<Array<ResolversTypes['Player']>, ParentType, ContextType, RequireFields<QueryPlayersArgs, 'first'>>;
}>;

export type RoundResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Round'] = ResolversParentTypes['Round'], FederationReferenceType extends FederationReferenceTypes['Round'] = FederationReferenceTypes['Round']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Round']> | FederationReferenceType, FederationReferenceType, ContextType>;
  betCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  game?: Resolver<ResolversTypes['Game'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  payoutCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  playedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  player?: Resolver<ResolversTypes['Player'], ParentType, ContextType>;
}>;

export type StakeLevelResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['StakeLevel'] = ResolversParentTypes['StakeLevel']> = ResolversObject<{
  betCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  payoutCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rounds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type WalletResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Wallet'] = ResolversParentTypes['Wallet']> = ResolversObject<{
  balanceCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = UsersContext> = ResolversObject<{
  DisplayNameCheck?: DisplayNameCheckResolvers<ContextType>;
  Game?: GameResolvers<ContextType>;
  Player?: PlayerResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Round?: RoundResolvers<ContextType>;
  StakeLevel?: StakeLevelResolvers<ContextType>;
  Wallet?: WalletResolvers<ContextType>;
}>;

