import { maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { z } from 'zod';

interface HttpError extends Error {
  status?: number;
  type?: string;
  /** body-parser's figures for a body over its limit: the limit and the announced length. */
  limit?: number;
  length?: number;
}

/** What a request body error tells the client: what was expected and what arrived. */
function describe(error: HttpError, status: number): string {
  if (error.type === 'entity.parse.failed') return `request body: expected JSON; got text that does not parse (${error.message})`;
  if (error.type === 'entity.too.large') {
    // A body sent without a Content-Length is cut off once it passes the limit: its size is unknown.
    return `request body: expected at most ${error.limit} bytes; got ${error.length === undefined ? 'more' : `${error.length} bytes`}`;
  }
  return status < 500 ? error.message : 'internal error';
}

/**
 * The last error handler of every service: a JSON answer that says what went wrong (GraphQL's
 * error shape on `/graphql`), never a stack trace. Server faults are logged, not shown.
 */
export function jsonErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: HttpError, req, res, _next) => {
    // A dependency that could not be reached (dependency-failure.ts), thrown by a plain route: 503 with
    // its code and message, which name the dependency and nothing of its internals.
    const upstream = error instanceof GraphQLError && error.extensions['code'] === 'UPSTREAM_UNAVAILABLE';
    const status = upstream ? 503 : typeof error.status === 'number' && error.status >= 400 && error.status < 600 ? error.status : 500;
    const code = upstream
      ? 'UPSTREAM_UNAVAILABLE'
      : status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status < 500
          ? 'BAD_REQUEST'
          : 'INTERNAL_SERVER_ERROR';
    const message = upstream ? error.message : describe(error, status);
    if (status >= 500) log.error({ err: error, path: req.originalUrl }, 'request failed');
    if (req.originalUrl.startsWith('/graphql')) res.status(status).json({ errors: [{ message, extensions: { code } }] });
    else res.status(status).json({ code, message });
  };
}

/**
 * The answer for a route the service does not have (Express's own is an HTML page): a 404 JSON
 * error naming what arrived. `/internal/*` exists only on the subgraphs that own it, so through the
 * gateway it ends here too.
 */
export function notFoundHandler(service: string): RequestHandler {
  return (req, res) => {
    res.status(404).json({
      code: 'NOT_FOUND',
      message: `expected a route of the ${service} service; got ${req.method} ${req.path}, which it does not have`,
    });
  };
}

/** The JSON answer for a request body that does not match its schema: what was expected, and what arrived. */
export function badRequestBody(error: z.ZodError, body: unknown): { code: 'BAD_REQUEST'; message: string } {
  const problems = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
  return { code: 'BAD_REQUEST', message: `request body: ${problems}; got ${JSON.stringify(body) ?? 'nothing'}` };
}

/**
 * The answer to a request Node cannot parse (headers over its 16 KiB limit, bytes that are not
 * HTTP): Node's own is an empty 431 or 400; this one says why in JSON, like every other error.
 * Install with `server.on('clientError', answerClientError)`.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A response already under way (Node's own check, on its private field) cannot be replaced.
  const inProgress = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || inProgress) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', `request headers: expected at most ${maxHeaderSize} bytes; got more`]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'request: expected all of it within the server timeout; got part of it']
        : [400, 'Bad Request', 'BAD_REQUEST', `request: expected HTTP/1.1; got bytes that do not parse (${error.code ?? 'unknown error'})`];
  const body = JSON.stringify({ code, message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
