/**
 * What the gateway fuzz test sends: fast-check arbitraries for hostile and odd requests, each
 * tagged with its kind so the run can say how many of each it tried.
 */
import { MODES, operationFor, SCENARIOS } from '@trace-arcade/scenarios';
import fc from 'fast-check';

export interface FuzzRequest {
  kind: FuzzKind;
  method: string;
  /** Appended to `/graphql` (a GET's query string). */
  search?: string;
  headers: Record<string, string>;
  /** A string, or chunks streamed without a Content-Length. */
  body?: string | { chunks: number; chunkBytes: number };
}

export const FUZZ_KINDS = [
  'odd values of the right type',
  'malformed GraphQL',
  'wrong variable types',
  'huge and negative numbers',
  'deep nesting',
  'many aliases or directives',
  'oversized body',
  'bad x-scenarios header',
  'garbage body, content type or method',
] as const;
export type FuzzKind = (typeof FUZZ_KINDS)[number];

const JSON_HEADERS = { 'content-type': 'application/json' };

const post = (kind: FuzzKind, payload: unknown, headers: Record<string, string> = {}): FuzzRequest => ({
  kind,
  method: 'POST',
  headers: { ...JSON_HEADERS, ...headers },
  body: JSON.stringify(payload),
});

/** Ints that matter to this API: page bounds, 32-bit edges, and anything in between. */
const int = fc.oneof(
  fc.constantFrom(0, 1, -1, 10, 11, 100, 101, 366, 367, 2 ** 31 - 1, -(2 ** 31)),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
);

/** Strings for IDs and choices: real ids, numbers as text, empty, long, any Unicode. */
const text = fc.oneof(
  fc.constantFrom('1', '7', '0', '-1', 'dice-classic', 'slots-fruit', 'roulette-eu', 'over:50', 'under:2', 'red', '36', '', ' '),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.nat().map(String),
  fc.string({ minLength: 200, maxLength: 3000 }),
);

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** Every root field, with variables of the right GraphQL type and odd values. */
const oddValues: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.record({ first: int, after: optional(text) }).map((v) =>
    post('odd values of the right type', {
      query: 'query($first: Int!, $after: ID) { players(first: $first, after: $after) { id displayName } }',
      variables: v,
    }),
  ),
  fc.record({ id: text }).map((v) =>
    post('odd values of the right type', {
      query: 'query($id: ID!) { player(id: $id) { id wallet { balanceCents } metrics { netCents } } }',
      variables: v,
    }),
  ),
  fc
    .record({ id: text })
    .map((v) => post('odd values of the right type', { query: 'query($id: ID!) { game(id: $id) { id name minBetCents } }', variables: v })),
  fc.record({ gameId: text, choice: optional(text), spins: int }).map((v) =>
    post('odd values of the right type', {
      query:
        'query($gameId: ID!, $choice: String, $spins: Int!) { freePlay(gameId: $gameId, choice: $choice, spins: $spins) { draw won } }',
      variables: v,
    }),
  ),
  fc.record({ days: int, gameId: optional(text) }).map((v) =>
    post('odd values of the right type', {
      query: 'query($days: Int!, $gameId: ID) { dailyStats(days: $days, gameId: $gameId) { day rounds } }',
      variables: v,
    }),
  ),
  fc.record({ limit: int }).map((v) =>
    post('odd values of the right type', {
      query: 'query($limit: Int!) { leaderboard(limit: $limit) { netCents player { id } } }',
      variables: v,
    }),
  ),
  fc
    .record({
      playerId: fc.oneof(text, fc.integer({ min: 1, max: 60 }).map(String)),
      gameId: text,
      betCents: int,
      choice: optional(text),
      idempotencyKey: optional(text),
    })
    .map((input) =>
      post('odd values of the right type', {
        query: 'mutation($input: PlayRoundInput!) { playRound(input: $input) { won payoutCents balanceCents round { id } } }',
        variables: { input },
      }),
    ),
);

/** Token soup and random text as the query: unbalanced braces, stray punctuation, keywords. */
const GRAPHQL_TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '!',
  '=',
  '@',
  '...',
  '|',
  '&',
  '"',
  '"""',
  '#',
  ',',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'players',
  'first',
  'rounds',
  'game',
  'id',
  '__schema',
  '__typename',
  '1',
  '-1',
  '1e9',
  'true',
  'null',
  'ÿ',
  '\\u0000',
  '\n',
];
/** Every operation of the catalog, each mode's own where it has one. */
const OPERATIONS = SCENARIOS.flatMap((scenario) => MODES.map((mode) => operationFor(scenario, mode)));

const malformed: fc.Arbitrary<FuzzRequest> = fc
  .oneof(
    fc.array(fc.constantFrom(...GRAPHQL_TOKENS), { minLength: 1, maxLength: 60 }).map((tokens) => tokens.join(' ')),
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .constantFrom(...OPERATIONS.map((s) => s.operation))
      .chain((operation) => fc.nat({ max: operation.length - 1 }).map((cut) => operation.slice(0, cut))),
  )
  .chain((query) =>
    fc.oneof(
      fc.constant(post('malformed GraphQL', { query })),
      fc.constant(post('malformed GraphQL', { query, operationName: query.slice(0, 20) })),
    ),
  );

/** The catalog's operations with variables of the wrong type: strings, objects, arrays, null, floats. */
const wrongTypes: fc.Arbitrary<FuzzRequest> = fc
  .record({
    scenario: fc.constantFrom(...OPERATIONS),
    values: fc.dictionary(
      fc.constantFrom('players', 'rounds', 'gameId', 'spins', 'input', 'limit', 'extra'),
      fc.jsonValue({ maxDepth: 3 }),
      {
        maxKeys: 4,
      },
    ),
    asArray: fc.boolean(),
  })
  .map(({ scenario, values, asArray }) =>
    post('wrong variable types', {
      query: scenario.operation,
      variables: asArray ? Object.values(values) : { ...scenario.variables, ...values },
    }),
  );

/** Numbers beyond Int, negative, fractional, in exponent form: as literals in the query and as variables. */
const numberLiteral = fc.oneof(
  fc.constantFrom(
    '2147483648',
    '-2147483649',
    '99999999999999999999999',
    '1e400',
    '-0',
    '0.5',
    '1.0',
    '-1e-7',
    '0x10',
    '01',
    '1_000',
    'NaN',
    'Infinity',
  ),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);
const numbers: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc
    .record({ field: fc.constantFrom('players(first: %)', 'leaderboard(limit: %)', 'dailyStats(days: %)'), value: numberLiteral })
    .map(({ field, value }) => post('huge and negative numbers', { query: `{ ${field.replace('%', value)} { __typename } }` })),
  fc
    .record({ value: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER, -0, 2 ** 53 + 1)) })
    .map(({ value }) =>
      post('huge and negative numbers', {
        query: 'query($n: Int!) { players(first: $n) { id rounds(last: $n) { id } } }',
        variables: { n: value },
      }),
    ),
  fc.record({ value: fc.oneof(fc.double(), fc.constantFrom(1e308, -1e308, 2 ** 31, -(2 ** 31) - 1)) }).map(({ value }) =>
    post('huge and negative numbers', {
      query: 'mutation($bet: Int!) { playRound(input: { playerId: "3", gameId: "dice-classic", betCents: $bet }) { won } }',
      variables: { bet: value },
    }),
  ),
);

/** Selections nested up to hundreds of levels, braces nested thousands deep, variables nested thousands deep. */
const deep: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.integer({ min: 1, max: 400 }).map((depth) => {
    let selection = 'id';
    for (let level = 0; level < depth; level++)
      selection = level % 2 === 0 ? `rounds(last: 1) { ${selection} }` : `player { ${selection} }`;
    return post('deep nesting', { query: `{ players(first: 1) { ${selection} } }` });
  }),
  fc.integer({ min: 1, max: 5_000 }).map((depth) => post('deep nesting', { query: `${'{ a '.repeat(depth)}${'} '.repeat(depth)}` })),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => ({
    kind: 'deep nesting' as const,
    method: 'POST',
    headers: JSON_HEADERS,
    body: `{"query":"query($x: ID!) { player(id: $x) { id } }","variables":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
  })),
  fc.integer({ min: 1, max: 60 }).map((depth) => {
    let fragments = 'fragment F0 on Player { id }';
    for (let level = 1; level <= depth; level++)
      fragments += ` fragment F${level} on Player { ...F${level - 1} rounds(last: 1) { player { ...F${level - 1} } } }`;
    return post('deep nesting', { query: `{ players(first: 1) { ...F${depth} } } ${fragments}` });
  }),
);

/** Up to hundreds of aliases of cheap and of costly fields, or of directives. */
const aliases: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc
    .record({
      count: fc.integer({ min: 1, max: 300 }),
      field: fc.constantFrom('games { id }', 'players(first: 100) { id }', '__typename', 'leaderboard(limit: 100) { netCents }'),
    })
    .map(({ count, field }) =>
      post('many aliases or directives', { query: `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }` }),
    ),
  fc
    .record({
      count: fc.integer({ min: 1, max: 300 }),
      directive: fc.constantFrom('@include(if: true)', '@skip(if: false)', '@deprecated', '@nope'),
    })
    .map(({ count, directive }) => post('many aliases or directives', { query: `{ games { id ${directive.repeat(count)} } }` })),
);

/** Bodies around the 100 KiB limit and far above it, with a length or streamed without one. */
const oversized: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc
    .integer({ min: 90_000, max: 1_500_000 })
    .map((bytes) => post('oversized body', { query: '{ games { id } }', variables: { pad: 'x'.repeat(bytes) } })),
  fc.integer({ min: 90_000, max: 400_000 }).map((bytes) => post('oversized body', { query: `{ games { id } }${' '.repeat(bytes)}` })),
  fc
    .record({ chunks: fc.integer({ min: 1, max: 300 }), chunkBytes: fc.integer({ min: 1_000, max: 16_000 }) })
    .map((stream) => ({ kind: 'oversized body' as const, method: 'POST', headers: JSON_HEADERS, body: stream })),
);

/** x-scenarios values: unknown names and modes, separators, repeats, empty ones, and long ones (past 16 KiB: over Node's header limit). */
const scenarioHeader: fc.Arbitrary<FuzzRequest> = fc
  .oneof(
    fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
    fc
      .array(
        fc.record({
          name: fc.oneof(fc.constantFrom(...SCENARIOS.map((s) => s.name)), fc.string({ unit: 'grapheme-ascii', maxLength: 12 })),
          mode: fc.oneof(fc.constantFrom('slow', 'fixed', 'SLOW', '', 'slow=fixed'), fc.string({ unit: 'grapheme-ascii', maxLength: 8 })),
        }),
        { maxLength: 6 },
      )
      .map((entries) => entries.map(({ name, mode }) => `${name}=${mode}`).join(',')),
    fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'n-plus-one=fixed,'.repeat(Math.ceil(n / 17)).slice(0, n)),
  )
  .map((value) => value.replace(/[\r\n\0]/g, ' '))
  .chain((value) =>
    fc
      .constantFrom(...OPERATIONS)
      .map((scenario) =>
        post('bad x-scenarios header', { query: scenario.operation, variables: scenario.variables }, { 'x-scenarios': value }),
      ),
  );

/** Non-JSON bodies, JSON that is not an operation, other content types and methods, batches. */
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/graphql',
  'application/octet-stream',
  '*/*',
  'garbage',
];
const garbage: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'PATCH', 'DELETE'),
    contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }),
    preflight: fc.boolean(),
    encoding: fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-nonsense'), { nil: undefined, freq: 4 }),
    body: fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
      fc.constantFrom(
        '[]',
        '[{"query":"{ games { id } }"},{"query":"{ games { id } }"}]',
        '{"query":"{ games { id } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"nope"}}}',
        '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"0000"}}}',
        '{"query":null}',
        '{"query":"{ games { id } }","variables":"{}"}',
        '{"query":"{ games { id } }","operationName":7}',
        '{"__proto__":{"query":"{ games { id } }"}}',
        '{"query":"{ games { id } }", "query":"{ players { id } }"}',
        '',
        'null',
        '\u0000\u0001',
      ),
    ),
    search: fc.oneof(
      fc.constant(''),
      fc.constant('?query=%7Bgames%7Bid%7D%7D'),
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((s) => `?${encodeURI(s)}`),
    ),
  })
  .map(({ method, contentType, preflight, encoding, body, search }) => {
    const headers: Record<string, string> = {};
    if (contentType) headers['content-type'] = contentType;
    if (preflight) headers['apollo-require-preflight'] = 'true';
    if (encoding) headers['content-encoding'] = encoding;
    return {
      kind: 'garbage body, content type or method' as const,
      method,
      search,
      headers,
      ...(method === 'GET' ? {} : { body }),
    };
  });

/** One request of any kind, each kind about as likely as the others. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  oddValues,
  malformed,
  wrongTypes,
  numbers,
  deep,
  aliases,
  oversized,
  scenarioHeader,
  garbage,
);
