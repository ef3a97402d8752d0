import { after, before } from 'node:test';
import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

/** A test stack whose services send every trace to a local sink the test reads. */
export interface TracedTestStack {
  sink: SentryEnvelopeSink;
  stack: TestStack;
  /** Stops the stack, then the sink. */
  stop: () => Promise<void>;
}

/** What a test changes in its traced stack: more environment, more seeded rounds. */
export interface TracedTestStackOptions {
  env?: NodeJS.ProcessEnv;
  rounds?: number;
}

/** Starts the sink, then the stack with SENTRY_DSN pointing at it and SENTRY_TRACES_SAMPLE_RATE 1 (and `options`). */
export async function startTracedTestStack(options: TracedTestStackOptions = {}): Promise<TracedTestStack> {
  const sink = new SentryEnvelopeSink();
  await sink.start();
  let stack: TestStack;
  try {
    stack = await startTestStack({
      env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '1', ...options.env },
      ...(options.rounds ? { rounds: options.rounds } : {}),
    });
  } catch (error) {
    await sink.stop();
    throw error;
  }
  return {
    sink,
    stack,
    stop: async () => {
      await stack.stop();
      await sink.stop();
    },
  };
}

/**
 * For a test file: a traced test stack started before its tests and stopped after them. Read
 * `sink` and `stack` inside the tests, once the `before` hook has run.
 */
export function tracedTestStackAroundTests(options: TracedTestStackOptions = {}): {
  readonly sink: SentryEnvelopeSink;
  readonly stack: TestStack;
} {
  let traced: TracedTestStack | undefined;
  before(async () => {
    traced = await startTracedTestStack(options);
  });
  after(() => traced?.stop());
  const started = () => {
    if (!traced) throw new Error('the traced test stack is read before it has started: read it inside a test');
    return traced;
  };
  return {
    get sink() {
      return started().sink;
    },
    get stack() {
      return started().stack;
    },
  };
}
