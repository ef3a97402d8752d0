/**
 * The panel's run-time configuration, served as `/config.json` by the Vite dev server
 * (`npm start`) and by the production web server (Kubernetes). Read from the environment once
 * at start-up, so one build runs anywhere: nothing here is baked into the JavaScript.
 */
import { loadConfig, urlVariable } from '@trace-arcade/service-runtime';
import { z } from 'zod';

/** What `/config.json` holds; the browser validates it again (web/src/config). */
export interface PanelRuntimeConfig {
  /** The gateway as the browser reaches it: GraphQL at `/graphql`, the catalog at `/scenarios`. */
  gatewayUrl: string;
  /** The Spotlight UI and its `/stream`; null when Spotlight is not run. */
  spotlightUrl: string | null;
  /** A Sentry organisation (`https://my-org.sentry.io`) for trace links; null when unset. */
  sentryOrgUrl: string | null;
  /** The browser SDK's DSN; null turns browser tracing off (no trace headers are sent then). */
  sentryDsn: string | null;
  sentryEnvironment: string;
}

const httpUrl = urlVariable(['http', 'https']);
/** An optional URL where an empty value means unset. */
const optionalHttpUrl = z.preprocess((value) => (value === '' ? undefined : value), httpUrl.optional());

export function loadPanelRuntimeConfig(env: NodeJS.ProcessEnv = process.env): PanelRuntimeConfig {
  const config = loadConfig(
    z.object({
      PANEL_GATEWAY_URL: httpUrl.default('http://localhost:4000'),
      PANEL_SPOTLIGHT_URL: optionalHttpUrl,
      PANEL_SENTRY_ORG_URL: optionalHttpUrl,
      PANEL_SENTRY_DSN: optionalHttpUrl,
      PANEL_SENTRY_ENVIRONMENT: z.string().min(1).default('local'),
    }),
    env,
  );
  const withoutSlash = (url: string | undefined) => (url ? url.replace(/\/+$/, '') : null);
  return Object.freeze({
    gatewayUrl: withoutSlash(config.PANEL_GATEWAY_URL)!,
    spotlightUrl: withoutSlash(config.PANEL_SPOTLIGHT_URL),
    sentryOrgUrl: withoutSlash(config.PANEL_SENTRY_ORG_URL),
    sentryDsn: config.PANEL_SENTRY_DSN ?? null,
    sentryEnvironment: config.PANEL_SENTRY_ENVIRONMENT,
  });
}
