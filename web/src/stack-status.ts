import * as Sentry from '@sentry/react';

/** What the header strip shows: readiness from `/health/ready`, and the gateway's `/about`. */
export interface StackStatus {
  ready: boolean;
  /** Each dependency of the gateway and whether it answered. */
  dependencies: Record<string, { status: string; reason?: string }>;
  about: StackAbout | null;
  /** Why the gateway could not be asked, when it could not. */
  unreachable?: string;
}

export interface StackAbout {
  tracing: { destination: 'spotlight' | 'sentry' | 'none'; sampleRate: number };
  mongo: { server: 'mongod' | 'stand-in' | 'unknown'; version: string | null; indexesUsed: boolean | null; detail: string };
}

/**
 * Asks the gateway. The polls run outside any span: one that falls while a click's trace is active
 * would otherwise carry that trace's headers and add its health checks to the click's trace.
 */
export async function fetchStackStatus(gatewayUrl: string, signal?: AbortSignal): Promise<StackStatus> {
  try {
    const [health, about] = await Sentry.withActiveSpan(null, () =>
      Promise.all([
        fetch(`${gatewayUrl}/health/ready`, { signal }),
        fetch(`${gatewayUrl}/about`, { signal }).then((response) => (response.ok ? (response.json() as Promise<StackAbout>) : null)),
      ]),
    );
    const body = (await health.json()) as { dependencies?: StackStatus['dependencies'] };
    return { ready: health.ok, dependencies: body.dependencies ?? {}, about };
  } catch (error) {
    if (signal?.aborted) throw error;
    return {
      ready: false,
      dependencies: {},
      about: null,
      unreachable: `the gateway at ${gatewayUrl} did not answer (${(error as Error).message})`,
    };
  }
}
