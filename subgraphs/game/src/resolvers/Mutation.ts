import type { MutationResolvers } from '../generated/resolvers-types.js';
import { playRound } from '../play-round.js';

export const Mutation: MutationResolvers = {
  playRound: (_, args, context) => playRound(args.input, context),
};
