/**
 * The workshop's exercises: one per scenario. The attendee edits the scenario's third twin (`yours`,
 * chosen per request like the other two), which starts as a copy of the slow twin; the checker
 * (`npm run workshop -- check <scenario>`) and the panel's "Run yours" judge it against the fixed
 * twin, run beside it, with `judgeExercise` (exercise-verdict.ts). Nothing else declares an exercise.
 */
import type { ScenarioName } from './catalog.js';

/** A file the attendee edits, with its pristine start (the slow twin's copy) and the reference fix. */
export interface ExerciseFile {
  /** Repo-relative path of the attendee's file. */
  path: string;
  /** Repo-relative path of the file `reset` restores. */
  start: string;
  /** Repo-relative path of the file `solution` writes. */
  solution: string;
  /**
   * The service whose code it is: the stack rebuilds and restarts that service when the file
   * changes. Absent for an operation the client sends (read by the checker and the panel as it is).
   */
  service?: 'users' | 'game' | 'analytics';
}

/** What a check run measures from the gateway's `extensions.perf`, over every request of the scenario's unit of work. */
export type ExerciseMeasure =
  /** SQL statements, summed over the subgraphs and the requests. */
  | 'sqlStatements'
  /** MongoDB commands, summed likewise. */
  | 'mongoCommands'
  /** The gateway's time for a request, the longest of the unit. */
  | 'totalMs'
  /** The longest event-loop stall a subgraph saw during a request. */
  | 'eventLoopDelayMaxMs'
  /** The query plan's sequential fetches. */
  | 'planSequentialDepth'
  /** The longest time a request waited for a pooled database connection. */
  | 'poolWaitMaxMs';

/**
 * The most the attendee's run may cost: `factor` × the fixed twin's value in the same check plus
 * `slack` (counts and times vary a little), or at most `atMost` (a threshold Sentry alerts on).
 */
export interface ExerciseBudget {
  measure: ExerciseMeasure;
  factor?: number;
  slack?: number;
  atMost?: number;
  /** Said when the budget is exceeded. */
  hint: string;
}

export interface Exercise {
  files: readonly ExerciseFile[];
  /**
   * How the attendee's answer must match the fixed twin's: `same` data, or the `same-shape` (same
   * fields, types and list lengths) where the answer is random (a draw) or new each time (a bet).
   */
  answer: 'same' | 'same-shape';
  /** Said when the answers differ. */
  answerHint: string;
  /** Said for an error code the attendee's run may answer (the scenario's own failure). */
  errorHints?: Readonly<Record<string, string>>;
  /** Inputs sent besides the catalog's variables, each answered by both (the answer check covers them too). */
  probes?: readonly Record<string, unknown>[];
  budgets: readonly ExerciseBudget[];
  /** Graded hints: the first points at the problem, the last all but gives the fix away. */
  hints: readonly string[];
}

export const EXERCISES = {
  'n-plus-one': {
    files: [
      {
        path: 'subgraphs/users/src/workshop/n-plus-one.ts',
        start: 'workshop/exercises/n-plus-one/start/users.ts',
        solution: 'workshop/exercises/n-plus-one/solution/users.ts',
        service: 'users',
      },
      {
        path: 'subgraphs/game/src/workshop/n-plus-one.ts',
        start: 'workshop/exercises/n-plus-one/start/game.ts',
        solution: 'workshop/exercises/n-plus-one/solution/game.ts',
        service: 'game',
      },
    ],
    answer: 'same',
    answerHint:
      'Each player must get their own last rounds, newest first, and each round its game: compare your batch function with the rows it returns.',
    budgets: [
      {
        measure: 'sqlStatements',
        slack: 2,
        factor: 1,
        hint: 'Still one SELECT per player or per game reference. Batch the keys of the whole request with one DataLoader created once per request (perRequest(context, key, create)), not once per call: a loader made inside the function batches only its own call.',
      },
    ],
    hints: [
      'Open the trace: count the `db` spans under users and under game. How many per player, how many per round?',
      'A DataLoader collects every key asked for in one tick and loads them in one batch. It must live as long as the request: perRequest(context, key, () => new loader) gives you one per request.',
      'users: relationLoader((ids) => findRecentRoundsByPlayerIds(context.db, ids, last), (round) => round.playerId, USERS_DATABASE, "recent rounds"). game: entityLoader("game", (ids) => findGamesByIds(context.db, ids), (game) => game.id, GAME_DATABASE). Both from @trace-arcade/service-runtime, both inside perRequest.',
    ],
  },
  'cpu-rng': {
    files: [
      {
        path: 'subgraphs/game/src/workshop/cpu-rng.ts',
        start: 'workshop/exercises/cpu-rng/start/game.ts',
        solution: 'workshop/exercises/cpu-rng/solution/game.ts',
        service: 'game',
      },
    ],
    answer: 'same-shape',
    answerHint: 'A draw must still be an integer from min to max inclusive, one per spin.',
    budgets: [
      {
        measure: 'eventLoopDelayMaxMs',
        atMost: 200,
        hint: 'The draw still holds the event loop (Sentry raises Event Loop Blocked past 500 ms, the alert fires past 200 ms). Searching primes is CPU work: no request of the process is served meanwhile.',
      },
    ],
    hints: [
      'Open the profile of the trace (or the Event Loop Blocked issue): which function holds the CPU?',
      'A random number needs no search at all: Node ships a cryptographically secure generator.',
      "import { randomInt } from 'node:crypto'; return (min, max) => randomInt(min, max + 1) (its upper bound is exclusive).",
    ],
  },
  'slow-aggregation': {
    files: [
      {
        path: 'subgraphs/analytics/src/workshop/slow-aggregation.ts',
        start: 'workshop/exercises/slow-aggregation/start/analytics.ts',
        solution: 'workshop/exercises/slow-aggregation/solution/analytics.ts',
        service: 'analytics',
      },
    ],
    answer: 'same',
    answerHint:
      'The leaders (best net winnings first, ties by player id) and the days (oldest first) must be the rows the fixed twin returns.',
    budgets: [
      {
        measure: 'mongoCommands',
        factor: 1,
        slack: 1,
        hint: 'Still a MongoDB command per leader, or whole collections read in batches (each getMore is a command): rank, filter and group in one pipeline so that only the answer crosses the wire.',
      },
      {
        measure: 'totalMs',
        factor: 3,
        slack: 150,
        hint: 'The documents still cross the wire to be summed in JavaScript: let the database do the work over its indexes.',
      },
    ],
    hints: [
      'Open the trace: how many MongoDB commands, and how many documents does each bring back?',
      'repositories/rounds.ts has pipelines that rank players (findLeaderIds) and group days (findDailyStats) inside MongoDB; the request has a DataLoader for player metrics (context.metricsByPlayerId).',
      'leaderboard: const leaders = await findLeaderIds(context.analytics, limit); then context.metricsByPlayerId.loadMany(leaders). dailyStats: return findDailyStats(context.analytics, from, to, gameId).',
    ],
  },
  'payment-latency': {
    files: [
      {
        path: 'subgraphs/game/src/workshop/payment-latency.ts',
        start: 'workshop/exercises/payment-latency/start/game.ts',
        solution: 'workshop/exercises/payment-latency/solution/game.ts',
        service: 'game',
      },
    ],
    answer: 'same-shape',
    answerHint: 'The bet must still be charged and recorded: playRound answers a round and a balance.',
    budgets: [
      {
        measure: 'totalMs',
        factor: 1.5,
        slack: 200,
        hint: 'The five calls to the payment provider still wait for one another: their latencies add up. None needs another one’s answer.',
      },
    ],
    hints: [
      'Open the trace: the five `http.client` spans of the bet, where does each start?',
      'Start all five calls, then wait for all of them: Promise.all, or Promise.allSettled to void the hold when a check fails.',
      'const [fraud, limits, balance, identity, authorization] = await Promise.allSettled([...the five calls]); void the hold if any failed, then settleChecks(client, [fraud, limits, balance, identity], authorization) with the values.',
    ],
  },
  'regex-backtracking': {
    files: [
      {
        path: 'subgraphs/users/src/workshop/regex-backtracking.ts',
        start: 'workshop/exercises/regex-backtracking/start/users.ts',
        solution: 'workshop/exercises/regex-backtracking/solution/users.ts',
        service: 'users',
      },
    ],
    answer: 'same',
    answerHint:
      'Your pattern must accept exactly the names the fixed one does: words of letters and digits, one space between words, an optional trailing space.',
    probes: [{ name: 'Dragon Slayer 2026' }, { name: 'two  spaces' }, { name: 'trailing ' }, { name: ' leading' }, { name: 'Ok' }],
    budgets: [
      {
        measure: 'eventLoopDelayMaxMs',
        atMost: 200,
        hint: 'The pattern still backtracks: a quantifier inside a quantifier tries every way to cut the name into words before it gives up.',
      },
    ],
    hints: [
      'Open the Event Loop Blocked issue: the stack ends in a regular expression. Try the name with one letter more: does the time double?',
      '`([a-zA-Z0-9]+\\s?)+` can split "abc" into words in many ways, because the space is optional. Write it so that only one path can match at each character.',
      'A word, then any number of (one space, a word), then an optional space: /^[a-zA-Z0-9]+(?:\\s[a-zA-Z0-9]+)*\\s?$/',
    ],
  },
  'federation-waterfall': {
    files: [
      {
        path: 'workshop/federation-waterfall.graphql',
        start: 'workshop/exercises/federation-waterfall/start/operation.graphql',
        solution: 'workshop/exercises/federation-waterfall/solution/operation.graphql',
      },
    ],
    answer: 'same',
    answerHint:
      'Your operation must answer exactly what the fixed twin’s operation answers: `game { id name kind }` and the leaders in `gameLeaderboard`, with the same fields.',
    budgets: [
      {
        measure: 'planSequentialDepth',
        factor: 1,
        hint: 'The gateway still fetches game, then analytics, then users, one after another: the leaders hang on the game entity.',
      },
    ],
    hints: [
      'Open the trace: the gateway’s fetches to the subgraphs, which waits for which?',
      'Analytics owns the leaders: does it have a root field for them, so that the gateway can ask for them at the same time as the game?',
      'Ask for `game(id: $gameId) { id name kind }` and, beside it at the top level, `gameLeaderboard(gameId: $gameId, limit: $limit) { roundsPlayed netCents player { id displayName country } }`.',
    ],
  },
  'pool-exhaustion': {
    files: [
      {
        path: 'subgraphs/game/src/workshop/pool-exhaustion.ts',
        start: 'workshop/exercises/pool-exhaustion/start/game.ts',
        solution: 'workshop/exercises/pool-exhaustion/solution/game.ts',
        service: 'game',
      },
    ],
    answer: 'same-shape',
    answerHint: 'Each of the eight bets must still be charged and recorded: playRound answers a round and a balance.',
    budgets: [
      {
        measure: 'poolWaitMaxMs',
        atMost: 500,
        hint: 'Bets still queue for the pool’s connection: a transaction is open while the payment provider answers, holding the connection and doing nothing with it.',
      },
    ],
    hints: [
      'Open the trace: the `db.connection.acquire` spans of the eight bets, and what each transaction waits for.',
      'The charge needs no lock: the claim keeps other requests off the bet. What if it ran before the transaction begins?',
      'const charged = await charge(steps); then the same transaction with lockAndSave(trx, bet, async () => charged).',
    ],
  },
  'memory-leak': {
    files: [
      {
        path: 'subgraphs/analytics/src/workshop/memory-leak.ts',
        start: 'workshop/exercises/memory-leak/start/analytics.ts',
        solution: 'workshop/exercises/memory-leak/solution/analytics.ts',
        service: 'analytics',
      },
    ],
    answer: 'same',
    answerHint: 'The feed must be the player’s newest rounds, as the fixed twin returns them.',
    budgets: [
      {
        measure: 'mongoCommands',
        factor: 1,
        slack: 5,
        hint: 'Sixty requests for the same page still load it sixty times: the cache never hits. What does its key depend on that changes with every request?',
      },
    ],
    hints: [
      'Open the trace: every `cache.get` is a miss, and `cache.entries` grows by one per request.',
      'Key the page by what it depends on (the player and the page size), and bound the cache (lru-cache: max entries, maxSize in bytes, a ttl so the feed stays fresh).',
      'new LRUCache<string, RoundDocument[]>({ max: 256, maxSize: 4 * 1024 * 1024, sizeCalculation: estimatedPageBytes, ttl: 5000 }), keyed `${playerId}:${last}`.',
    ],
  },
  'infinite-loop': {
    files: [
      {
        path: 'subgraphs/users/src/workshop/infinite-loop.ts',
        start: 'workshop/exercises/infinite-loop/start/users.ts',
        solution: 'workshop/exercises/infinite-loop/solution/users.ts',
        service: 'users',
      },
    ],
    answer: 'same',
    answerHint: 'Every round must be visited once: the stake profile must match the fixed twin’s.',
    errorHints: {
      LOOP_GUARD_TRIPPED:
        'The walk never ends: once a whole page holds one bet size, the cursor (the last bet size) does not move and the next page is the same page.',
    },
    budgets: [
      {
        measure: 'eventLoopDelayMaxMs',
        atMost: 200,
        hint: 'The walk still holds the event loop for long: it revisits pages instead of moving past each one.',
      },
    ],
    hints: [
      'Open the LOOP_GUARD_TRIPPED error: which page does the walk keep fetching, and why is its cursor the same each time?',
      'A cursor must be unique to move past ties: the bet size alone is not; the bet size and the round id together are.',
      'Keep the last row as the cursor and start the next page at firstIndexWhere(rows, (row) => byBetSizeThenId(cursor, row) < 0).',
    ],
  },
} as const satisfies Record<ScenarioName, Exercise>;

/** The exercise of `scenario`. */
export function exerciseOf(scenario: ScenarioName): Exercise {
  return EXERCISES[scenario];
}
