/**
 * `GET /about`: where this stack's traces go, at what sample rate, and which MongoDB the analytics
 * subgraph talks to, so that the debug panel can say what its figures mean.
 */
import type { Express } from 'express';
import { z } from 'zod';
import type { ServiceConfig } from './config.js';

export interface TracingAbout {
  destination: 'spotlight' | 'sentry' | 'none';
  /** The share of requests without a parent decision that are traced (panel clicks always are). */
  sampleRate: number;
}

const mongoAbout = z.object({
  server: z.enum(['mongod', 'stand-in', 'unknown']),
  version: z.string().nullable(),
  indexesUsed: z.boolean().nullable(),
  detail: z.string(),
});

export type MongoAbout = z.infer<typeof mongoAbout>;

/** The public key of the DSN `npm start` builds for the Spotlight sidecar (stack/src/spotlight-dsn.ts). */
const SPOTLIGHT_PUBLIC_KEY = 'spotlight';

/** Where the SDK sends this service's traces, from the same variables `initTelemetry` reads. */
export function tracingAbout(config: Pick<ServiceConfig, 'SENTRY_DSN' | 'SENTRY_SPOTLIGHT' | 'SENTRY_TRACES_SAMPLE_RATE'>): TracingAbout {
  let destination: TracingAbout['destination'] = 'none';
  if (config.SENTRY_DSN) destination = new URL(config.SENTRY_DSN).username === SPOTLIGHT_PUBLIC_KEY ? 'spotlight' : 'sentry';
  // Without a DSN the SDK still sends to a Spotlight sidecar named in SENTRY_SPOTLIGHT.
  else if (config.SENTRY_SPOTLIGHT) destination = 'spotlight';
  return { destination, sampleRate: config.SENTRY_TRACES_SAMPLE_RATE };
}

export const ANALYTICS_ABOUT_TIMEOUT_MS = 1500;

/** Asks the analytics subgraph which MongoDB it found at start-up; a failure is reported, not thrown. */
export async function fetchMongoAbout(analyticsUrl: string, timeoutMs = ANALYTICS_ABOUT_TIMEOUT_MS): Promise<MongoAbout> {
  const unknown = (reason: string): MongoAbout => ({
    server: 'unknown',
    version: null,
    indexesUsed: null,
    detail: `analytics did not answer: ${reason}`,
  });
  let body: unknown;
  try {
    const response = await fetch(`${analyticsUrl}/about`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return unknown(`GET /about answered HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return unknown(`no answer within ${timeoutMs} ms`);
    if (error instanceof SyntaxError) return unknown(`GET /about answered something other than JSON (${error.message})`);
    // fetch's own message is "fetch failed"; the cause says why (ECONNREFUSED, ...).
    const cause = (error as Error).cause;
    return unknown(cause instanceof Error ? cause.message : (error as Error).message);
  }
  const parsed = z.object({ mongo: mongoAbout }).safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    return unknown(`GET /about answered an unexpected body (${problems.join('; ')})`);
  }
  return parsed.data.mongo;
}

/** Mounts `GET /about`; the tracing part is fixed at start-up, the MongoDB part asked per request. */
export function aboutRoute(tracing: TracingAbout, analyticsUrl: string) {
  return (app: Express) => {
    app.get('/about', async (_req, res) => {
      res.json({ tracing, mongo: await fetchMongoAbout(analyticsUrl) });
    });
  };
}
