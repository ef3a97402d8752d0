/**
 * A local Jaeger (v2, all-in-one, in-memory) for `TRACES_BACKEND=jaeger` and the e2e tests. The
 * binary is built from the Go module in `tools/jaeger` (its version pinned there by `go get -tool`)
 * once, into `tools/jaeger/bin/jaeger` (git-ignored), and found there afterwards.
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';
import { repoPath } from './paths.js';
import type { ProcessSpec } from './processes.js';

/** The Go package of Jaeger's all-in-one command, as `tools/jaeger/go.mod` pins it. */
const JAEGER_PACKAGE = 'github.com/jaegertracing/jaeger/cmd/jaeger';

const JAEGER_MODULE_DIR = repoPath('tools/jaeger');
export const JAEGER_BINARY = repoPath('tools/jaeger/bin/jaeger');
const JAEGER_CONFIG = repoPath('tools/jaeger/config.yaml');

/** The ports Jaeger listens on (127.0.0.1 only). */
export interface JaegerPorts {
  otlpHttp: number;
  otlpGrpc: number;
  query: number;
  queryGrpc: number;
}

/**
 * The Jaeger binary: the one built before, or a new build (a first build compiles Jaeger and its
 * dependencies: minutes, at low priority). Throws with Go's own words when the build fails.
 */
export async function findOrBuildJaeger(say: (line: string) => void): Promise<string> {
  try {
    await access(JAEGER_BINARY);
    return JAEGER_BINARY;
  } catch {
    say(`building Jaeger into ${JAEGER_BINARY} (once; the first build takes minutes)`);
  }
  try {
    await promisify(execFile)('nice', ['-n', '19', 'go', 'build', '-o', JAEGER_BINARY, JAEGER_PACKAGE], {
      cwd: JAEGER_MODULE_DIR,
      env: { ...process.env, GOFLAGS: '-mod=mod' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() ?? (error as Error).message;
    throw new Error(`could not build Jaeger (go build ${JAEGER_PACKAGE} in tools/jaeger): ${stderr}`);
  }
  return JAEGER_BINARY;
}

/** Jaeger all-in-one with the committed configuration and `ports`. */
export function jaegerProcess(binary: string, ports: JaegerPorts): ProcessSpec {
  return {
    name: 'jaeger',
    command: binary,
    args: ['--config', JAEGER_CONFIG],
    cwd: JAEGER_MODULE_DIR,
    env: {
      ...process.env,
      JAEGER_OTLP_HTTP_PORT: String(ports.otlpHttp),
      JAEGER_OTLP_GRPC_PORT: String(ports.otlpGrpc),
      JAEGER_QUERY_PORT: String(ports.query),
      JAEGER_QUERY_GRPC_PORT: String(ports.queryGrpc),
    },
  };
}

/** The query API's and the UI's address. */
export function jaegerQueryUrl(ports: JaegerPorts): string {
  return `http://127.0.0.1:${ports.query}`;
}

/** What the services need to send their spans to this Jaeger (OTLP over HTTP, protobuf). */
export function jaegerOtlpEnvironment(ports: JaegerPorts): NodeJS.ProcessEnv {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.otlpHttp}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
  };
}
