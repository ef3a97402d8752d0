import type { GameContext } from '../context.js';
import { playRound, type PlayRoundInput } from '../play-round.js';

export const Mutation = {
  playRound: (_: unknown, args: { input: PlayRoundInput }, context: GameContext) => playRound(args.input, context),
};
