/**
 * SIGTERM in the middle of a slow request (a bet whose payment calls take 1.5 s each): the service
 * stops being ready, answers the request, flushes Sentry and exits 0 within 10 s. For the gateway,
 * the payment provider and the game subgraph in turn.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isLive, report, seconds, traceIdOf, waitUntil } from './fault-loop.js';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

const PAYMENT_LATENCY_MS = 1500;
const BET = `mutation Bet($input: PlayRoundInput!) { playRound(input: $input) { won payoutCents balanceCents round { id } } }`;

describe('SIGTERM during a slow request', () => {
  const sink = new SentryEnvelopeSink();
  let stack: TestStack;

  before(async () => {
    await sink.start();
    stack = await startTestStack({
      env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '1', PAYMENT_LATENCY_MS: String(PAYMENT_LATENCY_MS) },
      players: 10,
      rounds: 50,
    });
  });
  after(async () => {
    await stack?.stop();
    await sink.stop();
  });

  for (const [service, portOf] of [
    ['gateway', (s: TestStack) => s.ports.gateway],
    ['payment-provider', (s: TestStack) => s.ports.paymentProvider],
    ['game', (s: TestStack) => s.ports.game],
  ] as const) {
    test(`${service}: not ready at once, the request in flight is answered, Sentry flushed, exit 0 within 10 s`, async () => {
      const port = portOf(stack);
      const sentAt = performance.now();
      // The fixed variant: the five payment calls at once, so the bet takes about one latency.
      const bet = stack.graphql(
        BET,
        { input: { playerId: '2', gameId: 'dice-classic', betCents: 10, choice: 'over:50', idempotencyKey: `shutdown-${randomUUID()}` } },
        { 'x-scenarios': 'payment-latency=fixed' },
      );
      await sleep(400);

      const stopping = stack.processes.stop(service);
      // Readiness while it drains: 503 "shutting down", from the process that still listens.
      const seen: string[] = [];
      let exited = false;
      void stopping.then(() => (exited = true));
      while (!exited) {
        const ready = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(1000) }).then(
          async (response) => `${response.status} ${((await response.json()) as { status: string }).status}`,
          () => 'no answer',
        );
        seen.push(ready);
        await sleep(50);
      }
      const answer = await bet;
      const answeredMs = performance.now() - sentAt;
      const stopped = await stopping;

      assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
      assert.ok((answer.data as { playRound?: { round?: { id?: string } } }).playRound?.round?.id, 'the bet was played and answered');
      assert.ok(answeredMs >= PAYMENT_LATENCY_MS, `the answer came after the payment calls (${Math.round(answeredMs)} ms)`);
      assert.ok(seen.includes('503 shutting down'), `readiness while stopping: ${seen.join(', ')}`);
      // (The first look may come before the signal has arrived.)
      const afterSignal = seen.slice(seen.indexOf('503 shutting down'));
      assert.ok(!afterSignal.some((state) => state.startsWith('200')), `never ready again while stopping: ${seen.join(', ')}`);
      assert.equal(stopped.signal, null, `${service} exited by itself, not killed by a signal`);
      assert.equal(stopped.code, 0, `${service} exited 0`);
      assert.ok(stopped.ms < 10_000, `${service} stopped within 10 s (${stopped.ms} ms)`);

      // The request's trace reached the sink before the process ended (flushed on the way out).
      const traceId = traceIdOf(answer);
      await sink.waitFor(
        (transactions) => transactions.some((t) => t.server_name === service && t.contexts.trace.trace_id === traceId),
        2000,
      );
      report(`shutdown-${service}`, {
        requestAnswered: seconds(answeredMs),
        exitedAfterSigterm: seconds(stopped.ms),
        exitCode: stopped.code ?? 'none',
      });

      // Back for the next service's turn.
      stack.processes.start(stopped.spec);
      await waitUntil(`${service} ready again`, async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200, 20_000);
      assert.ok(await isLive(port));
    });
  }
});
