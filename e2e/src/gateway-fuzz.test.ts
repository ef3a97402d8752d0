/**
 * Property test against a real gateway and its subgraphs: whatever arrives (malformed GraphQL,
 * wrong types, huge numbers, deep nesting, aliases, oversized or garbage bodies, bad headers), the
 * answer is valid data or a coded error, never a stack trace, and every process stays up.
 * `FUZZ_RUNS` (default 300) and `FUZZ_SEED` choose the run; the summary printed at the end is the
 * figure RELIABILITY.md records.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { FUZZ_KINDS, fuzzRequest, type FuzzKind, type FuzzRequest } from './fuzz-inputs.js';
import { startTestStack, type TestStack } from './test-stack.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
/** Longest a single answer may take; slower counts as a hang. */
const ANSWER_TIMEOUT_MS = 20_000;

/** Text that only a stack trace carries: "at fn (file.js:1:2)", file paths with line and column. */
const STACK_TRACE = /\n\s+at \S|\bat \S+ \([^)]*:\d+:\d+\)|(file:\/\/|node:internal|\/[\w.-]+\/)[\w./-]*\.[cm]?[jt]s:\d+:\d+|"stacktrace"/;

interface Tally {
  tried: Record<FuzzKind, number>;
  codes: Map<string, number>;
  statuses: Map<number, number>;
  answeredWithData: number;
  slowestMs: number;
}

function streamOf({ chunks, chunkBytes }: { chunks: number; chunkBytes: number }): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(`{"query":"{ games { id } }","pad":"${'x'.repeat(chunkBytes)}`);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

/** Sends one request; an answer that is neither data nor coded errors, or that shows a stack trace, throws. */
async function check(gatewayUrl: string, request: FuzzRequest, tally: Tally): Promise<void> {
  const body = typeof request.body === 'object' ? streamOf(request.body) : request.body;
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl}/graphql${request.search ?? ''}`, {
      method: request.method,
      headers: request.headers,
      body,
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      ...(typeof request.body === 'object' ? { duplex: 'half' } : {}),
    });
  } catch (error) {
    // The server may close the connection once it refused an oversized streamed body: that is an answer of its own.
    if (typeof request.body === 'object' && (error as Error).name !== 'TimeoutError') return;
    throw new Error(`no answer (${(error as Error).message})`, { cause: error });
  }
  const text = await response.text();
  tally.slowestMs = Math.max(tally.slowestMs, performance.now() - started);
  tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
  assert.doesNotMatch(text, STACK_TRACE, `a stack trace in the answer (HTTP ${response.status}): ${text.slice(0, 500)}`);
  assert.ok(response.status < 500, `HTTP ${response.status}: ${text.slice(0, 500)}`);

  let answer: { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[]; code?: unknown; message?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    assert.fail(`HTTP ${response.status} answered something that is not JSON: ${JSON.stringify(text.slice(0, 300))}`);
  }
  assert.ok(answer && typeof answer === 'object', `HTTP ${response.status} answered ${text.slice(0, 300)}`);
  // Each answer counts once per code it carries (one invalid document can carry hundreds of errors).
  const count = (codes: Set<string>) => codes.forEach((code) => tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1));
  if (Array.isArray(answer.errors)) {
    assert.ok(answer.errors.length > 0, 'an empty errors list');
    const codes = new Set<string>();
    for (const error of answer.errors) {
      const code = error.extensions?.code;
      assert.equal(typeof code, 'string', `an error without a code: ${JSON.stringify(error).slice(0, 300)}`);
      assert.equal(typeof error.message, 'string');
      codes.add(code as string);
    }
    count(codes);
  } else if (typeof answer.code === 'string') {
    assert.equal(typeof answer.message, 'string');
    count(new Set([answer.code]));
  } else {
    assert.ok(answer.data !== null && typeof answer.data === 'object', `neither data nor a coded error: ${text.slice(0, 300)}`);
    tally.answeredWithData++;
  }
}

describe('gateway fuzzing', () => {
  let stack: TestStack;
  const tally: Tally = {
    tried: Object.fromEntries(FUZZ_KINDS.map((kind) => [kind, 0])) as Record<FuzzKind, number>,
    codes: new Map(),
    statuses: new Map(),
    answeredWithData: 0,
    slowestMs: 0,
  };

  before(async () => {
    stack = await startTestStack();
  });
  after(async () => {
    const total = Object.values(tally.tried).reduce((sum, n) => sum + n, 0);
    const lines = [
      `gateway fuzz: ${total} inputs (seed ${SEED}, ${RUNS} runs asked), ${tally.answeredWithData} answered with data, slowest answer ${Math.round(tally.slowestMs)} ms`,
      ...FUZZ_KINDS.map((kind) => `  ${String(tally.tried[kind]).padStart(4)}  ${kind}`),
      `  HTTP statuses: ${[...tally.statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status} x${n}`)
        .join(', ')}`,
      `  codes seen (answers carrying each): ${[...tally.codes.entries()]
        .sort(([, a], [, b]) => b - a)
        .map(([code, n]) => `${code} x${n}`)
        .join(', ')}`,
    ];
    console.log(lines.join('\n'));
    await stack?.stop();
  });

  test(`${RUNS} hostile requests: each answered with data or a coded error, no stack trace, no process down`, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (request) => {
        tally.tried[request.kind]++;
        await check(stack.gatewayUrl, request, tally);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );

    // Every process of the stack is alive and the gateway is ready.
    for (const [name, port] of Object.entries(stack.ports)) {
      const live = await fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(5_000) });
      assert.equal(live.status, 200, `${name} is alive`);
    }
    const ready = await fetch(`${stack.gatewayUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) });
    assert.equal(ready.status, 200, `the gateway is ready: ${await ready.text()}`);
    const healthy = await stack.graphql('{ players(first: 2) { id rounds(last: 1) { game { name } } metrics { roundsPlayed } } }');
    assert.equal(healthy.errors, undefined, JSON.stringify(healthy.errors));
  });
});
