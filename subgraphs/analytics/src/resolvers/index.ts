import { Player } from './Player.js';
import { PlayerMetrics } from './PlayerMetrics.js';
import { Query } from './Query.js';

export const resolvers = { Query, Player, PlayerMetrics };
