import * as Sentry from '@sentry/react';
import type { PanelConfig } from './config.js';

/**
 * Browser tracing: every click starts its own trace (see click-trace.ts), and the fetch to the
 * gateway, and only to the gateway, carries `sentry-trace` and `baggage` so the trace continues
 * there. Without a DSN the SDK is not started and no trace headers are sent.
 */
export function initBrowserTracing(config: PanelConfig): void {
  if (!config.sentryDsn) return;
  Sentry.init({
    dsn: config.sentryDsn,
    environment: config.sentryEnvironment,
    integrations: [Sentry.browserTracingIntegration({ instrumentPageLoad: false, instrumentNavigation: false })],
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
