/**
 * Fault test: the payment provider stops under traffic and starts again, then stalls (SIGSTOP)
 * and resumes. Bets need it and fail with a coded error naming it; reads do not and keep answering.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { isLive, report, RequestLoop, seconds, traceIdsOf, waitUntil, type GraphQLAnswer, type Probe } from './fault-loop.js';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { ALL_FIXED, startTestStack, type TestStack } from './test-stack.js';

/** Each call to the provider may take this long in this stack before the bet fails. */
const PAYMENT_TIMEOUT_MS = 1000;

const BET = `mutation Bet($input: PlayRoundInput!) { playRound(input: $input) { won payoutCents balanceCents round { id } } }`;
/** Fields of every subgraph, none of which needs the payment provider. */
const READ = '{ players(first: 3) { id wallet { balanceCents } metrics { roundsPlayed } } games { id name } }';
const BALANCE = '{ player(id: "1") { wallet { balanceCents } } }';

const betBy = (stack: TestStack) => () =>
  stack.graphql(
    BET,
    { input: { playerId: '1', gameId: 'dice-classic', betCents: 10, choice: 'over:50', idempotencyKey: `fault-${randomUUID()}` } },
    ALL_FIXED,
  );

const played = (answer: GraphQLAnswer) =>
  answer.errors === undefined && (answer.data as { playRound?: unknown } | undefined)?.playRound != null;
const readFully = (answer: GraphQLAnswer) => answer.errors === undefined && answer.data != null;

/** A bet during the outage: no data, one error coded UPSTREAM_UNAVAILABLE that names the payment provider. */
function assertRefused(answer: GraphQLAnswer, cause: RegExp): void {
  assert.equal(answer.data ?? null, null, JSON.stringify(answer));
  assert.equal(answer.errors?.length, 1, JSON.stringify(answer.errors));
  const [error] = answer.errors;
  assert.equal(error!.extensions?.['code'], 'UPSTREAM_UNAVAILABLE', JSON.stringify(error));
  assert.equal(error!.extensions?.['dependency'], 'payment provider', JSON.stringify(error));
  assert.match(error!.message, /^the payment provider is unavailable \(.+\); try again shortly$/);
  assert.match(error!.message, cause);
  assert.doesNotMatch(error!.message, /127\.0\.0\.1|\n\s+at /, 'no address and no stack trace in the message');
}

async function balanceOf(stack: TestStack): Promise<number> {
  const answer = await stack.graphql<{ player: { wallet: { balanceCents: number } } }>(BALANCE);
  assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
  return answer.data!.player.wallet.balanceCents;
}

describe('the payment provider stops, then stalls, under traffic', () => {
  const sink = new SentryEnvelopeSink();
  let stack: TestStack;
  const loops: RequestLoop[] = [];

  before(async () => {
    await sink.start();
    stack = await startTestStack({
      env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '1', PAYMENT_TIMEOUT_MS: String(PAYMENT_TIMEOUT_MS) },
      players: 10,
      rounds: 100,
    });
  });
  after(async () => {
    for (const loop of loops) await loop.stop();
    await stack?.stop();
    await sink.stop();
  });

  /** Bets and reads in a loop while `outage` runs; returns the bets and reads answered meanwhile. */
  async function underTraffic(outage: () => Promise<{ down: () => Promise<void>; up: () => Promise<void> }>) {
    const bets = new RequestLoop(betBy(stack), { workers: 2 });
    const reads = new RequestLoop(() => stack.graphql(READ, undefined, ALL_FIXED), { workers: 2 });
    loops.push(bets, reads);
    await bets.firstAfter(0, played, 10_000);
    const { down, up } = await outage();
    await down();
    const downAt = bets.now();
    await bets.firstAfter(downAt, (answer) => !played(answer), 10_000);
    const balanceDuring = await balanceOf(stack);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    // Every bet sent from the first refused one on, and answered before the provider is back, is refused.
    const firstRefusal = bets.probes
      .filter((probe) => probe.sentAt >= downAt && !played(probe.answer))
      .sort((a, b) => a.sentAt - b.sentAt)[0]!;
    const refused = bets.answeredBetween(firstRefusal.sentAt, bets.now()).filter((probe) => probe.sentAt >= firstRefusal.sentAt);
    assert.equal(await balanceOf(stack), balanceDuring, 'a refused bet debits nothing');
    await up();
    const backAt = bets.now();
    const recovered = await bets.firstAfter(backAt, played, 10_000);
    const recoveryMs = recovered.answeredAt - backAt;
    const betProbes = await bets.stop();
    const readProbes = await reads.stop();
    return { refused, recoveryMs, betProbes, readProbes, downAt, backAt };
  }

  function assertReadsUnaffected(readProbes: Probe[]): void {
    assert.ok(readProbes.length > 5, `reads ran throughout: ${readProbes.length}`);
    for (const probe of readProbes)
      assert.ok(readFully(probe.answer), `a read that needs no payment fails: ${JSON.stringify(probe.answer)}`);
  }

  test('stopped: bets fail at once, coded and naming the provider, on the trace in Sentry; reads answer; recovery by itself', async () => {
    let restart: () => Promise<void> = async () => undefined;
    const figures = await underTraffic(async () => ({
      down: async () => {
        const stopped = await stack.processes.stop('payment-provider');
        restart = async () => {
          stack.processes.start(stopped.spec);
          await waitUntil('the payment provider listening again', () => isLive(stack.ports.paymentProvider), 15_000);
        };
      },
      up: () => restart(),
    }));
    assert.ok(figures.refused.length >= 2, `bets answered during the outage: ${figures.refused.length}`);
    for (const probe of figures.refused) assertRefused(probe.answer, /connection refused/);
    const slowest = Math.max(...figures.refused.map((probe) => probe.answeredAt - probe.sentAt));
    assert.ok(slowest < 2000, `a refused connection fails the bet at once (slowest ${slowest} ms)`);
    assertReadsUnaffected(figures.readProbes);

    // Every failed bet failed for the provider, including those in flight as it stopped (their next
    // call found the port closed). The first of them is the one Sentry gets (traceIdsOf tells why).
    const failed = figures.betProbes.filter((probe) => !played(probe.answer));
    for (const probe of failed) assertRefused(probe.answer, /connection refused|connection was closed/);
    const traces = traceIdsOf(failed.map((probe) => probe.answer));
    const event = await sink.waitForError((e) => traces.has(e.contexts?.trace?.trace_id ?? ''));
    assert.equal(event.server_name, 'game');
    assert.equal(event.tags?.['graphql.error_code'], 'UPSTREAM_UNAVAILABLE');
    assert.match(event.exception?.values?.at(-1)?.value ?? '', /fetch failed|ECONNREFUSED/, 'the event names the real cause');
    assert.ok(await isLive(stack.ports.game), 'the game process is still up');

    report('payment-provider-stopped', {
      outage: seconds(figures.backAt - figures.downAt),
      bets: figures.betProbes.length,
      refusedDuringOutage: figures.refused.length,
      slowestRefusal: seconds(slowest),
      reads: figures.readProbes.length,
      readsFailed: figures.readProbes.filter((probe) => !readFully(probe.answer)).length,
      recovery: seconds(figures.recoveryMs),
    });
    assert.ok(figures.recoveryMs <= 5000, `bets succeed again within 5 s of the provider's return (took ${figures.recoveryMs} ms)`);
  });

  test('stalled: each bet fails after the per-call timeout, not after minutes; resumes by itself', async () => {
    const figures = await underTraffic(async () => ({
      down: async () => stack.processes.signal('payment-provider', 'SIGSTOP'),
      up: async () => stack.processes.signal('payment-provider', 'SIGCONT'),
    }));
    assert.ok(figures.refused.length >= 2, `bets answered during the stall: ${figures.refused.length}`);
    for (const probe of figures.refused) {
      assertRefused(probe.answer, new RegExp(`no answer within ${PAYMENT_TIMEOUT_MS} ms`));
      const ms = probe.answeredAt - probe.sentAt;
      assert.ok(ms < PAYMENT_TIMEOUT_MS + 1500, `a stalled provider fails the bet after its timeout (took ${ms} ms)`);
    }
    assertReadsUnaffected(figures.readProbes);
    report('payment-provider-stalled', {
      stall: seconds(figures.backAt - figures.downAt),
      bets: figures.betProbes.length,
      refusedDuringStall: figures.refused.length,
      slowestRefusal: seconds(Math.max(...figures.refused.map((probe) => probe.answeredAt - probe.sentAt))),
      reads: figures.readProbes.length,
      readsFailed: figures.readProbes.filter((probe) => !readFully(probe.answer)).length,
      recovery: seconds(figures.recoveryMs),
    });
    assert.ok(figures.recoveryMs <= 5000, `bets succeed again within 5 s of the provider's return (took ${figures.recoveryMs} ms)`);
  });
});
