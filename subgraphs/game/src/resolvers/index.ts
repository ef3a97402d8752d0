import type { Resolvers } from '../generated/resolvers-types.js';
import { Game } from './Game.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = { Query, Mutation, Game };
