/**
 * CPU profiles linked to the traces: Sentry's continuous profiler (`@sentry/profiling-node`, V8's
 * sampling profiler at 100 Hz through the native `@sentry/node-cpu-profiler`) sends `profile_chunk`
 * items. Every transaction of a profiling process carries the profiler's id
 * (`contexts.profile.profiler_id`), and Sentry and Spotlight show the chunk samples that fall within
 * a transaction's start and end as that transaction's profile.
 *
 * Two sample rates decide what is profiled: SENTRY_PROFILE_SESSION_SAMPLE_RATE picks, once at
 * start-up, whether this process profiles at all (Sentry's profile session), and a profiling process
 * samples its stacks only while a traced span is open, so SENTRY_TRACES_SAMPLE_RATE and the panel's
 * sampled clicks pick the requests.
 */
import { createRequire } from 'node:module';
import * as Sentry from '@sentry/node';

type Client = NonNullable<ReturnType<typeof Sentry.getClient>>;
/** An entry of `Sentry.init`'s integrations. */
type Integration = Parameters<typeof Sentry.addIntegration>[0];

/** The W3C trace flag of a span whose trace is sampled. */
const TRACE_FLAG_SAMPLED = 1;

/** Why the native profiler cannot run here, or undefined when it loads. */
function nativeProfilerProblem(): string | undefined {
  const where = `${process.platform}-${process.arch}, Node ${process.versions.node} (ABI ${process.versions.modules})`;
  try {
    // Resolved from @sentry/profiling-node, whose dependency it is: the same module it loads.
    const require = createRequire(import.meta.resolve('@sentry/profiling-node'));
    const bindings = require('@sentry/node-cpu-profiler') as { PrivateCpuProfilerBindings?: { startProfiling?: unknown } };
    if (typeof bindings.PrivateCpuProfilerBindings?.startProfiling === 'function') return undefined;
    return `@sentry/node-cpu-profiler has no binary that loads on ${where}`;
  } catch (error) {
    return `@sentry/node-cpu-profiler did not load on ${where}: ${(error as Error).message.split('\n')[0]}`;
  }
}

/**
 * The profiling integration for `Sentry.init`, or undefined when profiling is off: a rate of 0, no
 * DSN (profile chunks go to the DSN's transport only, never to a `SENTRY_SPOTLIGHT` copy), or a
 * native profiler that does not load, which `service` then reports in one line and runs without.
 */
export async function loadProfilingIntegration(
  service: string,
  options: { sessionSampleRate: number; dsn: string | undefined },
): Promise<Integration | undefined> {
  if (options.sessionSampleRate === 0 || !options.dsn) return undefined;
  const problem = nativeProfilerProblem();
  if (problem) {
    console.warn(`${service}: CPU profiling is off (SENTRY_PROFILE_SESSION_SAMPLE_RATE=${options.sessionSampleRate}): ${problem}`);
    return undefined;
  }
  const { nodeProfilingIntegration } = await import('@sentry/profiling-node');
  return nodeProfilingIntegration();
}

/**
 * Runs the profiler while at least one span of a sampled trace is open in this process, and stops
 * it (which sends the chunk) when the last one ends. Sentry's own `profileLifecycle: 'trace'` counts
 * every span, unsampled ones too, and a span under an unsampled parent never reports its end, so at
 * SENTRY_TRACES_SAMPLE_RATE below 1 it profiles without a pause, traced requests or not.
 */
export function profileWhileTraced(client: Client): void {
  const traced = (span: Sentry.Span) => (span.spanContext().traceFlags & TRACE_FLAG_SAMPLED) === TRACE_FLAG_SAMPLED;
  let open = 0;
  client.on('spanStart', (span) => {
    if (traced(span) && open++ === 0) Sentry.profiler.startProfiler();
  });
  client.on('spanEnd', (span) => {
    if (!traced(span) || open === 0) return;
    if (--open === 0) Sentry.profiler.stopProfiler();
  });
}
