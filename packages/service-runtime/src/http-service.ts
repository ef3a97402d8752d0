import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext, type ContextFunction } from '@apollo/server';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import * as Sentry from '@sentry/node';
import express, { type Express, type RequestHandler } from 'express';
import type { GraphQLSchema, ParseOptions, ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import { errorReportingPlugin } from './error-reporting-plugin.js';
import { watchEventLoopBlocks } from './event-loop-block.js';
import { EventLoopLag } from './event-loop-lag.js';
import { watchHeapGrowth } from './heap-profile.js';
import { answerClientError, jsonErrorHandler, notFoundHandler } from './json-errors.js';
import { flushOtlpExport } from './otlp-flush.js';
import { measureRequest, RequestCost } from './request-cost.js';
import { RequestDrain } from './request-drain.js';
import { scopeRootFields } from './root-field-scope.js';
import { workshopSources } from './workshop-sources.js';

export interface GraphQLEndpoint<Context extends BaseContext> {
  /** A subgraph serves its own schema; the gateway serves the supergraph through `gateway`. */
  source: { schema: GraphQLSchema } | { gateway: GatewayInterface };
  context: ContextFunction<[ExpressContextFunctionArgument], Context>;
  plugins?: ApolloServerPlugin<Context>[];
  /** Extra validation rules (the gateway's query limits), run with graphql-js's own. */
  validationRules?: ValidationRule[];
  /** Options for parsing each operation (`maxTokens`, for instance). */
  parseOptions?: ParseOptions;
}

export interface HttpServiceOptions<Context extends BaseContext> {
  name: string;
  host: string;
  port: number;
  log: Logger;
  /** Named checks behind `GET /health/ready`; the service is ready when every one resolves. */
  readiness: Record<string, () => Promise<unknown>>;
  /** Handlers for every request (CORS, for instance), mounted before the health routes. */
  middleware?: RequestHandler[];
  /** Extra routes, mounted before `/graphql`. */
  routes?: (app: Express) => void;
  graphql?: GraphQLEndpoint<Context>;
  /** Measure event-loop delay per GraphQL request (for services whose scenarios block the loop). */
  measureEventLoopDelay?: boolean;
  /** Releases what the service holds (pools, clients) after the server stops accepting requests. */
  close?: () => Promise<void>;
  /** The largest JSON body `/graphql` accepts, in bytes (default 1 MiB); a larger one is a 413 PAYLOAD_TOO_LARGE. */
  bodyLimitBytes?: number;
  /** How long `stop()` takes at most (default SHUTDOWN_TIMEOUT_MS): requests still in flight after most of it are cut off. */
  shutdownTimeoutMs?: number;
}

/**
 * How long a service takes at most to stop on SIGTERM: it stops being ready, drains its in-flight
 * requests, releases its pools, flushes Sentry and exits; past this, `runService` exits regardless.
 */
export const SHUTDOWN_TIMEOUT_MS = 10_000;
/** Of the shutdown time, what is kept after the drain for closing pools and flushing Sentry. */
const SHUTDOWN_RESERVE_MS = 2_500;

/**
 * How long a service keeps an idle keep-alive connection open (Node's default is 5 s). Callers that
 * pool connections (the gateway) let go of theirs sooner, so a request is never written to a
 * connection that the service is closing at that moment.
 */
export const SERVER_KEEP_ALIVE_TIMEOUT_MS = 10_000;

/** `bodyLimitBytes` when a service does not choose. */
export const DEFAULT_BODY_LIMIT_BYTES = 1_048_576;

export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const READINESS_TIMEOUT_MS = 2000;

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type DependencyReadiness = { status: 'up' } | { status: 'down'; reason: string };

/** Runs every readiness check in parallel; each reports `up` or the reason it is down. */
async function checkReadiness(checks: Record<string, () => Promise<unknown>>) {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, DependencyReadiness]> => {
      try {
        await withTimeout(check(), READINESS_TIMEOUT_MS);
        return [name, { status: 'up' }];
      } catch (error) {
        return [name, { status: 'down', reason: (error as Error).message }];
      }
    }),
  );
  const dependencies = Object.fromEntries(entries);
  const ready = entries.every(([, result]) => result.status === 'up');
  return { ready, dependencies };
}

async function listen(server: Server, host: string, port: number, name: string): Promise<number> {
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`${name} cannot listen on ${host}:${port}: the port is taken; free it or choose another port`);
    }
    throw error;
  }
  return (server.address() as AddressInfo).port;
}

/** Starts one service: health routes, optional GraphQL endpoint, its own routes, graceful stop. */
export async function startHttpService<Context extends BaseContext>(options: HttpServiceOptions<Context>): Promise<RunningService> {
  const { name, host, port, log, readiness, middleware = [], routes, graphql, close, measureEventLoopDelay = false } = options;
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const app = express();
  app.disable('x-powered-by');
  for (const handler of middleware) app.use(handler);
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'live', service: name });
  });
  const sources = workshopSources();
  app.get('/workshop', (_req, res) => {
    res.json({ service: name, sources });
  });
  const drain = new RequestDrain();
  app.get('/health/ready', async (_req, res) => {
    if (drain.draining) {
      res.status(503).json({ status: 'shutting down', service: name });
      return;
    }
    const { ready, dependencies } = await checkReadiness(readiness);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', service: name, dependencies });
  });
  routes?.(app);

  let apollo: ApolloServer<Context> | undefined;
  if (graphql) {
    apollo = new ApolloServer<Context>({
      // A subgraph's resolvers know which root field (alias) they serve: slow variants are admitted per call.
      ...('schema' in graphql.source ? { schema: scopeRootFields(graphql.source.schema) } : graphql.source),
      includeStacktraceInErrorResponses: false,
      // Apollo's own SIGTERM handler would stop it at once and re-raise the signal, killing the
      // process mid-request; `stop()` below drains first.
      stopOnTerminationSignals: false,
      ...(graphql.validationRules ? { validationRules: graphql.validationRules } : {}),
      ...(graphql.parseOptions ? { parseOptions: graphql.parseOptions } : {}),
      // No landing page (it loads from Apollo's CDN) and no inline traces (they are for Apollo Studio).
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        // Every unexpected error is logged and sent to Sentry on the request's trace.
        errorReportingPlugin<Context>(log),
        ...(graphql.plugins ?? []),
      ],
    });
    await apollo.start();
    const eventLoop = measureEventLoopDelay ? new EventLoopLag() : undefined;
    eventLoop?.start();
    app.use(
      '/graphql',
      // Named, so that instrument.ts can leave its span (as long as the whole request) out of traces.
      function measureRequestCost(_req, _res, next) {
        measureRequest(new RequestCost({ eventLoop }), next);
      },
      express.json({ limit: bodyLimitBytes }),
      expressMiddleware(apollo, { context: graphql.context }),
    );
  }
  app.use(notFoundHandler(name));
  Sentry.setupExpressErrorHandler(app);
  app.use(jsonErrorHandler(log));

  const server = createServer((req, res) => {
    drain.track(res);
    app(req, res);
  });
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = SERVER_KEEP_ALIVE_TIMEOUT_MS;
  const boundPort = await listen(server, host, port, name);
  const url = `http://${host}:${boundPort}`;
  log.info({ url }, `${name} listening`);

  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? SHUTDOWN_TIMEOUT_MS;
  let stopping: Promise<void> | undefined;
  // Not ready at once (readiness answers 503 while it still listens), the requests in flight are
  // answered, then the server closes, the pools are released and Sentry's queue is sent.
  const stop = () =>
    (stopping ??= (async () => {
      const started = performance.now();
      const remaining = () => Math.max(100, shutdownTimeoutMs - (performance.now() - started));
      log.info({ inFlight: drain.inFlight }, 'stopping: not ready, draining the requests in flight');
      const drained = await drain.drain(Math.max(0, shutdownTimeoutMs - SHUTDOWN_RESERVE_MS));
      if (!drained) log.warn({ inFlight: drain.inFlight }, 'requests still in flight at the shutdown deadline are cut off');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      try {
        await withTimeout(
          (async () => {
            await apollo?.stop();
            await close?.();
          })(),
          remaining(),
        );
      } catch (error) {
        log.warn({ err: error }, 'releasing the pools did not finish');
      }
      const otlpFlushed = withTimeout(flushOtlpExport(), remaining()).catch((error: unknown) =>
        log.warn({ err: error }, 'the OTLP export did not finish'),
      );
      await Promise.all([Sentry.flush(remaining()), otlpFlushed]);
      log.info({ ms: Math.round(performance.now() - started), drained }, 'stopped');
    })());
  return { url, port: boundPort, stop };
}

/**
 * Runs a service's `main`: a configuration or start-up failure prints one clear line and exits 1
 * (no stack trace); SIGINT and SIGTERM stop the service gracefully (see `stop`) and exit 0, or 1
 * when that takes longer than SHUTDOWN_TIMEOUT_MS.
 */
export function runService(name: string, main: () => Promise<RunningService>): void {
  main().then(
    (service) => {
      // Planned by initTelemetry; from now on, not during start-up, a blocked loop or a grown heap is an event.
      void watchEventLoopBlocks();
      void watchHeapGrowth();
      const shutdown = () => {
        setTimeout(() => {
          console.error(`${name}: did not stop within ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
          process.exit(1);
        }, SHUTDOWN_TIMEOUT_MS).unref();
        service.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`${name}: error while stopping: ${(error as Error).message}`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error: unknown) => {
      console.error(`${name}: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
