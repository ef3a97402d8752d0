import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ErrorCode } from '@trace-arcade/service-runtime';
import { GraphQLError, Kind, type FragmentDefinitionNode, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import { estimateCost } from './query-cost.js';

/** What one operation may ask of the gateway (see the README's table for the defaults and why). */
export interface QueryLimits {
  /** Levels of nested fields. */
  maxDepth: number;
  /** Estimated cost: fields resolved, each once per object, lists by their page size (query-cost.ts). */
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens of the document: names, punctuation, values. */
  maxTokens: number;
}

type LimitCode = Extract<
  ErrorCode,
  'QUERY_TOO_DEEP' | 'QUERY_TOO_COMPLEX' | 'TOO_MANY_ALIASES' | 'TOO_MANY_DIRECTIVES' | 'TOO_MANY_TOKENS'
>;

/**
 * A refused operation. Apollo Server files every validation error under GRAPHQL_VALIDATION_FAILED;
 * `queryLimitsPlugin` puts this error's own code back before the answer is written.
 */
class QueryLimitError extends GraphQLError {
  constructor(
    readonly code: LimitCode,
    message: string,
    details: { limit: number; got?: number },
  ) {
    super(message, { extensions: { code, ...details, http: { status: 400 } } });
  }
}

/** graphql-js's message when a document has more tokens than `maxLexicalTokens` ("more that" is its spelling). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] \d+ tokens/;

/** graphql-armor's messages end with "exceeded, found N." when its limits are exposed. */
function foundIn(message: string): number | undefined {
  const found = /found (\d+(?:\.\d+)?)\.?$/.exec(message)?.[1];
  return found === undefined ? undefined : Number(found);
}

function rejectWith(code: LimitCode, describe: (limit: number, got: string) => string, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const got = foundIn(error.message);
    context?.reportError(new QueryLimitError(code, describe(limit, got === undefined ? 'more' : String(got)), { limit, got }));
  };
}

/**
 * Depth, aliases and directives, checked while Apollo Server validates the operation, by
 * graphql-armor's rules (`@escape.tech/graphql-armor`, its documented Apollo integration). Its cost
 * rule is left off (it multiplies only by literal `first`/`last`, so it cannot see the page sizes
 * the catalog sends as variables: `queryLimitsPlugin` estimates the cost instead), and so is its
 * token limit (its Apollo plugin throws from `parsingDidStart`, which Apollo Server 5 handles as an
 * unexpected error; graphql-js's own `maxLexicalTokens`, see `queryParseOptions`, does the job).
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: {
      n: limits.maxDepth,
      // A fragment is not a level of the answer: its fields count where it is spread.
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [
        rejectWith(
          'QUERY_TOO_DEEP',
          (limit, got) => `query depth: expected at most ${limit} levels of nested fields; got ${got}`,
          limits.maxDepth,
        ),
      ],
    },
    maxAliases: {
      n: limits.maxAliases,
      // Every alias counts: graphql-armor leaves out aliases named `__typename` and aliases of the
      // `__typename` field by default, and a renamed field costs what any other does.
      allowList: [],
      propagateOnRejection: false,
      onReject: [
        rejectWith(
          'TOO_MANY_ALIASES',
          (limit, got) => `aliases: expected at most ${limit} in one operation; got ${got}`,
          limits.maxAliases,
        ),
      ],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [
        rejectWith(
          'TOO_MANY_DIRECTIVES',
          (limit, got) => `directives: expected at most ${limit} in one operation; got ${got}`,
          limits.maxDirectives,
        ),
      ],
    },
  });
  const { validationRules, plugins } = armor.protect();
  if (plugins.length > 0) throw new Error(`graphql-armor: expected validation rules only; got ${plugins.length} plugins as well`);
  return validationRules;
}

/** The token limit, applied by graphql-js while it parses: a longer document is refused before it is read in full. */
export function queryParseOptions(limits: QueryLimits): ParseOptions {
  return { maxLexicalTokens: limits.maxTokens };
}

/**
 * Estimates each operation's cost with its variables once it is parsed and validated, refusing
 * one above `maxCost` (QUERY_TOO_COMPLEX, HTTP 400) before any subgraph is called; and gives the
 * errors of the other limits their own codes.
 */
export function queryLimitsPlugin<Context extends BaseContext>(limits: QueryLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo Server answers a missing operation itself
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const cost = estimateCost(schema, operation, fragments, request.variables ?? {});
          if (cost > limits.maxCost) {
            throw new QueryLimitError(
              'QUERY_TOO_COMPLEX',
              `query cost: expected at most ${limits.maxCost} (each field counted once per object it is resolved on, lists by their page size); got ${cost}`,
              { limit: limits.maxCost, got: cost },
            );
          }
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (error.originalError instanceof QueryLimitError) {
              error.extensions['code'] = error.originalError.code;
            } else if (TOKEN_LIMIT_MESSAGE.test(error.message)) {
              error.message = `query: expected at most ${limits.maxTokens} tokens (names, punctuation, values); got more`;
              error.extensions['code'] = 'TOO_MANY_TOKENS' satisfies LimitCode;
              error.extensions['limit'] = limits.maxTokens;
            }
          }
        },
      };
    },
  };
}
