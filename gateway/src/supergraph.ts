import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse, type GraphQLSchema } from 'graphql';
import { SUBGRAPH_NAMES } from './subgraphs.js';

/** The checked-in supergraph that the gateway serves; `npm run compose` writes it. */
export const SUPERGRAPH_FILE = new URL('../supergraph.graphql', import.meta.url);

const DEFAULT_PORTS = { users: 4001, game: 4002, analytics: 4003 } as const;

function compose() {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
      typeDefs: parse(readFileSync(new URL(`../../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n  ${result.errors.map((error) => error.message).join('\n  ')}`);
  }
  return result;
}

/** Composes the three subgraph schemas offline; the URLs are local defaults that the gateway's config overrides. */
export function composeSupergraph(): string {
  return `${compose().supergraphSdl.trimEnd()}\n`;
}

/** The schema clients see through the gateway (no federation internals), composed offline. */
export function composeApiSchema(): GraphQLSchema {
  return compose().schema.toAPISchema().toGraphQLJSSchema();
}
