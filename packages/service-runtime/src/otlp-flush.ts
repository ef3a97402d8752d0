/**
 * Sending the spans still waiting in the OTLP batch, at shutdown. Sentry's `flush` only starts the
 * batch's export (through the `flush` hook) and does not wait for it; this waits. It finds the
 * integration by name, so a service without OTLP export loads no exporter for it.
 */
import * as Sentry from '@sentry/node';

/** The integration's name in the Sentry client (otlp-export.ts). */
export const OTLP_EXPORT_INTEGRATION = 'OtlpExport';

type SentryIntegration = NonNullable<ReturnType<Sentry.NodeClient['getIntegrationByName']>>;

interface FlushableExport extends SentryIntegration {
  forceFlush(): Promise<void>;
}

/** Resolves once the OTLP batch is sent; at once without OTLP export. */
export async function flushOtlpExport(): Promise<void> {
  await Sentry.getClient()?.getIntegrationByName<FlushableExport>(OTLP_EXPORT_INTEGRATION)?.forceFlush();
}
