import { SentryEnvelopeSink } from './sentry-envelope-sink.js';
import { startTestStack, type TestStack } from './test-stack.js';

/** A test stack whose services send every trace to a local sink the test reads. */
export interface TracedTestStack {
  sink: SentryEnvelopeSink;
  stack: TestStack;
  /** Stops the stack, then the sink. */
  stop: () => Promise<void>;
}

/** Starts the sink, then the stack with SENTRY_DSN pointing at it and SENTRY_TRACES_SAMPLE_RATE 1. */
export async function startTracedTestStack(): Promise<TracedTestStack> {
  const sink = new SentryEnvelopeSink();
  await sink.start();
  let stack: TestStack;
  try {
    stack = await startTestStack({ env: { SENTRY_DSN: sink.dsn, SENTRY_TRACES_SAMPLE_RATE: '1' } });
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
