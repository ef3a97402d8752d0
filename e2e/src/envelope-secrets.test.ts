/**
 * No secrets or personal data leave the services in what they send to Sentry. Every service sends
 * to a local envelope sink; a few representative requests run (queries through every subgraph, a
 * bet sent with variables and one with inline literals, malformed input, and a request that fails
 * and is reported as an error event); then every envelope, as raw text, is searched for: the DSN's
 * public key, the database password and connection URLs, players' display names and usernames,
 * and what requests carry (idempotency keys, a bet amount string, a variable in a URL, the caller's
 * user agent).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { generatePlayers } from '@trace-arcade/seed-data';
import { parsePerfExtension } from '@trace-arcade/service-runtime';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

const PLAYERS = 20;
const unique = (label: string) => `${label}${randomBytes(6).toString('hex')}`;

/** A public key that cannot occur by chance, so any occurrence is the DSN's. */
const PUBLIC_KEY = randomBytes(16).toString('hex');
const BET_KEY = unique('betkey');
const INLINE_KEY = unique('inlinekey');
const FAILED_BET_KEY = unique('failedkey');
const BET_AMOUNT_STRING = unique('4242cents');
/** A browser's user agent: who is calling. */
const USER_AGENT = `Mozilla/5.0 (X11; Linux x86_64) ${unique('TestBrowser/')}`;
/** A variable sent in a GET request's query string, where URLs keep it. */
const URL_VARIABLE = unique('urlvalue');

let sink: SentryEnvelopeSink;
let stack: TestStack;
let failedTraceId: string | undefined;

/**
 * The envelope header carries the DSN's public key by design (`trace.public_key`, and `dsn` when a
 * tunnel is used): Sentry routes and samples by it. Everything else (item headers and payloads,
 * i.e. the events, spans and their data) must not.
 */
function withoutRoutingKey(envelope: string): string {
  const end = envelope.indexOf('\n');
  const header = JSON.parse(end === -1 ? envelope : envelope.slice(0, end)) as { dsn?: string; trace?: { public_key?: string } };
  delete header.dsn;
  delete header.trace?.public_key;
  return `${JSON.stringify(header)}${end === -1 ? '' : envelope.slice(end)}`;
}

/**
 * The stack connects as a role of its own with a password that cannot occur by chance (the test
 * server's own is `postgres`, a word every pg span carries).
 */
async function useRoleWithSecretPassword(): Promise<void> {
  const serverUrl = new URL(process.env['TEST_POSTGRES_URL']!);
  const role = unique('leakcheck');
  const password = unique('pw');
  const admin = new pg.Client({ connectionString: serverUrl.href });
  await admin.connect();
  try {
    await admin.query(`create role "${role}" login superuser password '${password}'`);
  } finally {
    await admin.end();
  }
  serverUrl.username = role;
  serverUrl.password = password;
  process.env['TEST_POSTGRES_URL'] = serverUrl.href;
}

before(async () => {
  await useRoleWithSecretPassword();
  sink = new SentryEnvelopeSink();
  await sink.start();
  const dsn = sink.dsn.replace('publickey', PUBLIC_KEY);
  assert.ok(dsn.includes(PUBLIC_KEY));
  stack = await startTestStack({ env: { SENTRY_DSN: dsn, SENTRY_TRACES_SAMPLE_RATE: '1' }, players: PLAYERS, rounds: 400 });

  const ok = async (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => {
    const answer = await stack.graphql(query, variables, { 'user-agent': USER_AGENT, ...headers });
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    return answer;
  };
  const players =
    '{ players(first: 5) { id username displayName country wallet { balanceCents } metrics { roundsPlayed netCents } rounds(last: 3) { betCents outcome game { name } } } }';
  await ok(players, undefined, { 'x-scenarios': 'n-plus-one=slow' });
  await ok(players, undefined, { 'x-scenarios': 'n-plus-one=fixed' });
  await ok('query One($id: ID!) { player(id: $id) { displayName username wallet { balanceCents } } }', { id: '3' });
  await ok('{ leaderboard(limit: 5) { player { displayName } netCents } dailyStats(days: 7) { day rounds } }');
  const play = 'mutation Play($input: PlayRoundInput!) { playRound(input: $input) { won payoutCents balanceCents round { id } } }';
  const bet = { playerId: '2', gameId: 'dice-classic', betCents: 10, choice: 'over:50' };
  await ok(play, { input: { ...bet, idempotencyKey: BET_KEY } }, { 'x-scenarios': 'payment-latency=slow' });
  await ok(play, { input: { ...bet, idempotencyKey: BET_KEY } }); // the same bet again: answered from its claim
  await ok(
    `mutation { playRound(input: { playerId: "4", gameId: "dice-classic", betCents: 10, choice: "over:50", idempotencyKey: "${INLINE_KEY}" }) { won } }`,
  );
  // GraphQL over GET: the variables travel in the URL's query string.
  const url = new URL(`${stack.gatewayUrl}/graphql`);
  url.searchParams.set('query', 'query One($id: ID!) { player(id: $id) { id } }');
  url.searchParams.set('variables', JSON.stringify({ id: URL_VARIABLE }));
  const overGet = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
  assert.ok(overGet.status < 500, `GET /graphql answered ${overGet.status}`);
  // Malformed input: a bet amount sent as a string is refused before anything runs.
  const malformed = await stack.graphql(play, { input: { ...bet, betCents: BET_AMOUNT_STRING } });
  assert.ok(malformed.errors?.length, 'a string bet amount is refused');

  // A failure that is reported: the game database goes away, then a bet is placed.
  const admin = new pg.Client({ connectionString: process.env['TEST_POSTGRES_URL'] });
  await admin.connect();
  try {
    await admin.query(`drop database "${new URL(stack.databases.gameDatabaseUrl).pathname.slice(1)}" with (force)`);
  } finally {
    await admin.end();
  }
  const failed = await stack.graphql(play, { input: { ...bet, idempotencyKey: FAILED_BET_KEY } }, { 'user-agent': USER_AGENT });
  assert.ok(failed.errors?.length, `the bet fails while the game database is gone: ${JSON.stringify(failed)}`);
  failedTraceId = parsePerfExtension(failed.extensions?.['perf']).traceId;
  await sink.waitForError((event) => event.contexts?.trace?.trace_id === failedTraceId);
  // Every request's transactions, in every service, have arrived (the SDKs send them within a second or two).
  await sink.waitFor((transactions) => transactions.filter((t) => t.server_name === 'gateway').length >= 8);
  await new Promise((resolve) => setTimeout(resolve, 3000));
});
after(async () => {
  await stack?.stop();
  await sink?.stop();
  if (process.env['DUMP_ENVELOPES']) (await import('node:fs')).writeFileSync(process.env['DUMP_ENVELOPES'], sink.raw.join('\n=====\n'));
});

/** Where `needle` occurs in the envelopes: the envelope's index and the text around it. */
function occurrences(needle: string): string[] {
  const found: string[] = [];
  sink.raw.forEach((envelope, index) => {
    const text = withoutRoutingKey(envelope);
    for (let at = text.indexOf(needle); at !== -1 && found.length < 5; at = text.indexOf(needle, at + 1)) {
      found.push(`envelope ${index}: …${text.slice(Math.max(0, at - 160), at + needle.length + 80)}…`);
    }
  });
  return found;
}

test('the run produced envelopes of every kind from every service', () => {
  assert.ok(sink.raw.length > 0);
  const services = new Set(sink.transactions.map((t) => t.server_name));
  for (const service of ['gateway', 'users', 'game', 'analytics']) assert.ok(services.has(service), `${service} sent transactions`);
  assert.ok(
    sink.errors.some((event) => event.contexts?.trace?.trace_id === failedTraceId),
    'an error event of the failed bet',
  );
});

test("the DSN's public key appears only where Sentry needs it, in the envelope header", () => {
  assert.ok(
    sink.raw.some((envelope) => envelope.split('\n')[0]!.includes(PUBLIC_KEY)),
    'the header carries it (else this test would not look in the right place)',
  );
  assert.deepEqual(occurrences(PUBLIC_KEY), []);
});

test('no database password or connection URL', () => {
  const password = decodeURIComponent(new URL(stack.databases.usersDatabaseUrl).password);
  assert.match(password, /^pw[0-9a-f]{12}$/, 'the stack uses the role made for this test');
  // The connection URLs hold the password; MongoDB's here holds none, so it is no secret.
  for (const needle of [password, stack.databases.usersDatabaseUrl, stack.databases.gameDatabaseUrl]) {
    assert.deepEqual(occurrences(needle), [], needle === password ? 'the database password' : needle);
  }
});

test("no player's display name or username", () => {
  for (const player of generatePlayers(PLAYERS)) {
    assert.deepEqual(occurrences(player.displayName), [], `display name of player ${player.id}`);
    assert.deepEqual(occurrences(player.username), [], `username of player ${player.id}`);
  }
});

test('nothing a request carried: idempotency keys (variables and inline literals), a bet amount string, a URL variable, the user agent', () => {
  for (const [what, needle] of [
    ['the idempotency key sent as a variable', BET_KEY],
    ['the idempotency key written inline in the document', INLINE_KEY],
    ['the idempotency key of the bet that failed and was reported', FAILED_BET_KEY],
    ['the malformed bet amount', BET_AMOUNT_STRING],
    ["a variable in a GET request's query string", URL_VARIABLE],
    ["the caller's user agent", USER_AGENT],
  ] as const) {
    assert.deepEqual(occurrences(needle), [], what);
  }
});
