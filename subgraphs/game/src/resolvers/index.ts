import { Game } from './Game.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

export const resolvers = { Query, Mutation, Game };
