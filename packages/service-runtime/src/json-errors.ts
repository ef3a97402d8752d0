import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';

interface HttpError extends Error {
  status?: number;
  type?: string;
}

/**
 * The last error handler of every service: a JSON answer that says what went wrong (GraphQL's
 * error shape on `/graphql`), never a stack trace. Server faults are logged, not shown.
 */
export function jsonErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: HttpError, req, res, _next) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 600 ? error.status : 500;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    const message =
      error.type === 'entity.parse.failed'
        ? `request body: expected JSON; got text that does not parse (${error.message})`
        : status < 500
          ? error.message
          : 'internal error';
    if (status >= 500) log.error({ err: error, path: req.originalUrl }, 'request failed');
    if (req.originalUrl.startsWith('/graphql')) res.status(status).json({ errors: [{ message, extensions: { code } }] });
    else res.status(status).json({ code, message });
  };
}

/** The JSON answer for a request body that does not match its schema: what was expected, and what arrived. */
export function badRequestBody(error: z.ZodError, body: unknown): { code: 'BAD_REQUEST'; message: string } {
  const problems = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
  return { code: 'BAD_REQUEST', message: `request body: ${problems}; got ${JSON.stringify(body) ?? 'nothing'}` };
}
