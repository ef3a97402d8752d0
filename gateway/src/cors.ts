import { SCENARIO_HEADER } from '@trace-arcade/scenarios';
import cors from 'cors';
import type { Request, RequestHandler } from 'express';

/**
 * The request headers a browser page may send: JSON bodies, the scenario choice, and the trace
 * headers with which the debug panel makes its click the parent of the whole trace.
 */
export const CORS_ALLOWED_HEADERS = ['content-type', SCENARIO_HEADER, 'sentry-trace', 'baggage', 'traceparent'] as const;

/**
 * CORS for the browser origins in `origins` (exact matches). Another origin gets no
 * `access-control-allow-origin`, so its browser refuses the answer.
 */
export function corsMiddleware(origins: readonly string[]): RequestHandler {
  return cors<Request>({
    origin: [...origins],
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: [...CORS_ALLOWED_HEADERS],
    // A browser may reuse a preflight answer for ten minutes instead of asking before every request.
    maxAge: 600,
  });
}
