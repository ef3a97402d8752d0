import * as Sentry from '@sentry/react';
import type { PanelConfig } from './config.js';

const SENTRY_ENVELOPE = 'application/x-sentry-envelope';

/**
 * Whether the DSN is the Spotlight sidecar's own envelope endpoint (the local stack's DSN). The
 * browser transport posts envelopes as `text/plain`; the sidecar relabels them only for the client
 * name `sentry.javascript.browser`, not `sentry.javascript.react`, and Spotlight's UI ignores
 * `text/plain` events: the click was missing from its trace view, an "orphan" root above the
 * gateway's transaction.
 */
function dsnIsSpotlight(config: PanelConfig): boolean {
  if (!config.sentryDsn || !config.spotlightUrl) return false;
  return new URL(config.sentryDsn).host === new URL(config.spotlightUrl).host;
}

/**
 * Browser tracing: every click starts its own trace (see click-trace.ts), and the fetch to the
 * gateway, and only to the gateway, carries `sentry-trace` and `baggage` so the trace continues
 * there. Without a DSN the SDK is not started and no trace headers are sent (the SDK propagates
 * only when it has a transport).
 *
 * Spotlight's UI reads only envelopes labelled `application/x-sentry-envelope`. When the DSN is
 * the sidecar's own endpoint, the transport says so in its `Content-Type`; when it is a Sentry
 * project's and Spotlight runs too, `spotlightBrowserIntegration` sends Spotlight a labelled copy.
 */
export function initBrowserTracing(config: PanelConfig): void {
  if (!config.sentryDsn) return;
  const toSpotlightOnly = dsnIsSpotlight(config);
  Sentry.init({
    dsn: config.sentryDsn,
    environment: config.sentryEnvironment,
    integrations: [
      Sentry.browserTracingIntegration({ instrumentPageLoad: false, instrumentNavigation: false }),
      ...(config.spotlightUrl && !toSpotlightOnly
        ? [Sentry.spotlightBrowserIntegration({ sidecarUrl: `${config.spotlightUrl}/stream` })]
        : []),
    ],
    ...(toSpotlightOnly && { transportOptions: { headers: { 'Content-Type': SENTRY_ENVELOPE } } }),
    // Panel clicks are few and each one is a demonstration: trace every one.
    tracesSampleRate: 1,
    tracePropagationTargets: [config.gatewayUrl],
    // Spotlight and Sentry's performance issues read transactions; span streaming sends none, and the
    // click would show as a missing parent above the gateway's transaction.
    traceLifecycle: 'static',
    // No personal data: no user fields, cookies or request bodies on spans and events.
    dataCollection: { userInfo: false, cookies: false, httpBodies: [] },
  });
}
