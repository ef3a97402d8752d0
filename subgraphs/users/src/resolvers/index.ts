import { Player } from './Player.js';
import { Query } from './Query.js';
import { Round } from './Round.js';

export const resolvers = { Query, Player, Round };
