/**
 * The standard OpenTelemetry exporter variables, read once at start-up: where a service also sends
 * its spans over OTLP (beside Sentry), with which headers and which protocol. Nothing set, nothing is
 * exported. Names and defaults follow the OpenTelemetry exporter specification: a signal-specific
 * variable (`…_TRACES_…`) wins over the general one, and a general HTTP endpoint gets `/v1/traces`.
 */
import { ConfigError } from './config.js';

/** The OTLP transports the services speak. */
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** Where and how the spans go. */
export interface OtlpTraceExport {
  readonly protocol: OtlpProtocol;
  /** The full traces URL (HTTP) or the collector's address (gRPC). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

const TRACES_PATH = 'v1/traces';

/** Reads the first of `names` that is set to something other than an empty string. */
function firstSet(env: NodeJS.ProcessEnv, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

function parseUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name}: expected an http or https URL; got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name}: expected an http or https URL; got ${JSON.stringify(value)}`);
  }
  return url;
}

/** A general endpoint is the collector's base URL: the traces path is appended after its own path. */
function tracesUrlFromBase(base: URL): string {
  const path = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return new URL(`${path}${TRACES_PATH}${base.search}`, base).toString();
}

/**
 * `key1=value1,key2=value2` with percent-encoded values (the W3C baggage form the specification
 * names). Header values are often secrets (API keys), so an error names the variable and the
 * position of the bad pair, never the value.
 */
export function parseOtlpHeaders(name: string, value: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const pairs = value.split(',');
  pairs.forEach((pair, index) => {
    if (pair.trim() === '') return;
    const equals = pair.indexOf('=');
    const key = equals > 0 ? pair.slice(0, equals).trim() : '';
    const expected = `expected key=value pairs separated by commas; pair ${index + 1} of ${pairs.length}`;
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
      throw new ConfigError(`${name}: ${expected} has no valid header name (value not shown: headers may hold secrets)`);
    }
    try {
      headers[key.toLowerCase()] = decodeURIComponent(pair.slice(equals + 1).trim());
    } catch {
      throw new ConfigError(`${name}: ${expected} is not valid percent-encoding (value not shown: headers may hold secrets)`);
    }
  });
  return headers;
}

function parseProtocol(env: NodeJS.ProcessEnv): OtlpProtocol {
  const set = firstSet(env, ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']);
  if (!set) return 'http/protobuf';
  if (!(OTLP_PROTOCOLS as readonly string[]).includes(set.value)) {
    throw new ConfigError(`${set.name}: expected one of ${OTLP_PROTOCOLS.join(', ')}; got ${JSON.stringify(set.value)}`);
  }
  return set.value as OtlpProtocol;
}

/**
 * The OTLP trace export `env` asks for, or `undefined` when neither endpoint variable is set.
 * Throws a `ConfigError` naming the variable for a malformed URL, protocol or header list.
 */
export function loadOtlpTraceExport(env: NodeJS.ProcessEnv): OtlpTraceExport | undefined {
  const tracesEndpoint = firstSet(env, ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
  const baseEndpoint = firstSet(env, ['OTEL_EXPORTER_OTLP_ENDPOINT']);
  const protocol = parseProtocol(env);
  const headersSet = firstSet(env, ['OTEL_EXPORTER_OTLP_TRACES_HEADERS', 'OTEL_EXPORTER_OTLP_HEADERS']);
  const headers = headersSet ? parseOtlpHeaders(headersSet.name, headersSet.value) : {};
  let url: string;
  if (tracesEndpoint) {
    url = parseUrl(tracesEndpoint.name, tracesEndpoint.value).toString();
  } else if (baseEndpoint) {
    const base = parseUrl(baseEndpoint.name, baseEndpoint.value);
    // gRPC names a collector, not a path: the endpoint is used as given.
    url = protocol === 'grpc' ? base.toString() : tracesUrlFromBase(base);
  } else {
    return undefined;
  }
  return Object.freeze({ protocol, url, headers: Object.freeze(headers) });
}
