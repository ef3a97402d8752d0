/**
 * OTLP export beside Sentry, read back from a real Jaeger: a panel-like request (n-plus-one slow,
 * with the browser's trace headers) is one trace in Jaeger with the same trace id as in Sentry,
 * spans from the gateway, users and game, and the N+1's repeated SELECTs as spans of their own.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SCENARIOS } from '@trace-arcade/scenarios';
import {
  findOrBuildJaeger,
  freePort,
  jaegerOtlpEnvironment,
  jaegerProcess,
  jaegerQueryUrl,
  ProcessGroup,
  waitForHttpOk,
  type JaegerPorts,
} from '@trace-arcade/stack';
import { startTracedTestStack, type TracedTestStack } from './traced-test-stack.js';

interface JaegerSpan {
  spanID: string;
  operationName: string;
  processID: string;
  references: { refType: string; spanID: string }[];
  tags: { key: string; value: unknown }[];
}

interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

const log = (line: string) => console.log(`[jaeger test] ${line}`);
let jaegerExit: string | undefined;
const jaeger = new ProcessGroup(
  (name, line) => console.log(`[${name}] ${line}`),
  (name, code, lastLines) => {
    jaegerExit = `${name} exited with code ${code}: ${lastLines.join(' | ')}`;
  },
);
let ports: JaegerPorts;
let traced: TracedTestStack | undefined;

// A first build of Jaeger compiles it (minutes); .ci/run builds it before the tests.
before(
  async () => {
    ports = { otlpHttp: await freePort(), otlpGrpc: await freePort(), query: await freePort(), queryGrpc: await freePort() };
    jaeger.start(jaegerProcess(await findOrBuildJaeger(log), ports));
    await waitForHttpOk(`${jaegerQueryUrl(ports)}/api/services`, 30_000, () => jaegerExit);
    traced = await startTracedTestStack({ env: jaegerOtlpEnvironment(ports) });
  },
  { timeout: 20 * 60_000 },
);
after(async () => {
  await traced?.stop();
  await jaeger.stopAll();
});

/** The trace as Jaeger's query API returns it, or undefined while Jaeger does not have it. */
async function jaegerTrace(traceId: string): Promise<JaegerTrace | undefined> {
  const response = await fetch(`${jaegerQueryUrl(ports)}/api/traces/${traceId}`, { signal: AbortSignal.timeout(5000) });
  if (response.status === 404) return undefined;
  assert.equal(response.status, 200, `Jaeger answered ${response.status}`);
  const body = (await response.json()) as { data: JaegerTrace[] };
  return body.data[0];
}

const tag = (span: JaegerSpan, key: string) => span.tags.find((entry) => entry.key === key)?.value;

test(
  'a panel-like request is one trace in Jaeger: same trace id, gateway, users and game, the N+1 visible',
  { timeout: 120_000 },
  async () => {
    const stack = traced!.stack;
    const nPlusOne = SCENARIOS.find((scenario) => scenario.name === 'n-plus-one')!;
    // What the panel's browser SDK sends with a click: its trace, sampled, in Sentry's and W3C's headers.
    const traceId = randomBytes(16).toString('hex');
    const clickSpanId = randomBytes(8).toString('hex');
    const result = await stack.graphql(nPlusOne.operation, nPlusOne.variables, {
      'x-scenarios': 'n-plus-one=slow',
      traceparent: `00-${traceId}-${clickSpanId}-01`,
      'sentry-trace': `${traceId}-${clickSpanId}-1`,
      baggage: `sentry-trace_id=${traceId},sentry-sampled=true,sentry-sample_rate=1,sentry-environment=local,sentry-public_key=publickey`,
    });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const players = nPlusOne.variables.players as number;

    const services = (trace: JaegerTrace) => new Set(trace.spans.map((span) => trace.processes[span.processID]!.serviceName));
    const usersQueries = (trace: JaegerTrace) =>
      trace.spans.filter(
        (span) => trace.processes[span.processID]!.serviceName === 'users' && String(tag(span, 'sentry.op')).startsWith('db'),
      );
    let trace: JaegerTrace | undefined;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      trace = await jaegerTrace(traceId);
      if (trace && ['gateway', 'users', 'game'].every((service) => services(trace!).has(service)) && usersQueries(trace).length > players)
        break;
      await sleep(500);
    }
    assert.ok(trace, `Jaeger has trace ${traceId}`);
    assert.equal(trace.traceID, traceId, 'the trace id the click started');
    for (const service of ['gateway', 'users', 'game'])
      assert.ok(services(trace).has(service), `spans from ${service}: ${[...services(trace)].join(', ')}`);

    // Sentry got the same trace: every transaction of the request carries the click's trace id.
    await traced!.sink.waitFor((transactions) =>
      transactions.some((t) => t.contexts.trace.trace_id === traceId && t.server_name === 'users'),
    );

    // The gateway's server span continues the click's span: Jaeger links it as the parent.
    const gatewayServer = trace.spans.find(
      (span) => trace.processes[span.processID]!.serviceName === 'gateway' && tag(span, 'sentry.op') === 'http.server',
    );
    assert.ok(gatewayServer, 'the gateway server span');
    assert.deepEqual(
      gatewayServer.references.map((reference) => reference.spanID),
      [clickSpanId],
    );

    // The N+1: the same statement once per player, each a span of its own.
    const byStatement = new Map<string, number>();
    for (const span of usersQueries(trace)) byStatement.set(span.operationName, (byStatement.get(span.operationName) ?? 0) + 1);
    const [statement, repeats] = [...byStatement.entries()].sort((a, b) => b[1] - a[1])[0]!;
    assert.ok(repeats >= players, `one query per player (${players}) in users: ${repeats} × ${statement}`);

    // Neither Sentry's envelopes nor the OTLP exports themselves became spans.
    const urls = trace.spans.map((span) => {
      const url = tag(span, 'url.full') ?? tag(span, 'http.url');
      return typeof url === 'string' ? url : '';
    });
    assert.ok(!urls.some((url) => url.includes(`:${ports.otlpHttp}/`)), 'no span for an OTLP export');
    assert.ok(!urls.some((url) => url.includes('/envelope/')), 'no span for a Sentry envelope');
  },
);
