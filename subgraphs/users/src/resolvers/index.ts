import type { Resolvers } from '../generated/resolvers-types.js';
import { Player } from './Player.js';
import { Query } from './Query.js';
import { Round } from './Round.js';

export const resolvers: Resolvers = { Query, Player, Round };
