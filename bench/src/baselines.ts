/** Hand-written baselines the fixed variants are compared with. */
import { performance } from 'node:perf_hooks';
import pg from 'pg';

/**
 * One JOIN in the users database for the same data as the n-plus-one operation, plus one query
 * for the games it references (they live in the game database). Timed `times` times on warm
 * connections, as a pooled service would run it.
 */
export async function handWrittenJoinMs(
  usersDatabaseUrl: string,
  gameDatabaseUrl: string,
  players: number,
  rounds: number,
  times: number,
): Promise<number[]> {
  const users = new pg.Client({ connectionString: usersDatabaseUrl });
  const games = new pg.Client({ connectionString: gameDatabaseUrl });
  await users.connect();
  await games.connect();
  const once = async () => {
    const started = performance.now();
    const { rows } = await users.query<{ game_id: string }>(
      `select p.id, p.display_name, r.id as round_id, r.bet_cents, r.outcome, r.game_id
         from (select id, display_name from players order by id limit $1) p
         join lateral (select id, bet_cents, outcome, game_id, played_at from rounds
                        where player_id = p.id order by played_at desc limit $2) r on true
        order by p.id, r.played_at desc`,
      [players, rounds],
    );
    await games.query('select id, name, kind from games where id = any($1)', [[...new Set(rows.map((row) => row.game_id))]]);
    return performance.now() - started;
  };
  try {
    await once();
    const timings: number[] = [];
    for (let i = 0; i < times; i++) timings.push(await once());
    return timings;
  } finally {
    await users.end();
    await games.end();
  }
}

/** One call to the payment provider: the latency the parallel variant cannot go below. */
export async function singlePaymentCallMs(paymentProviderUrl: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${paymentProviderUrl}/v1/fraud-checks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ playerId: 1, amountCents: 10 }),
  });
  await response.json();
  return performance.now() - started;
}
