import * as z from 'zod/mini';

/** The panel's run-time configuration (`/config.json`, written by the server that serves the page). */
export interface PanelConfig {
  gatewayUrl: string;
  spotlightUrl: string | null;
  sentryOrgUrl: string | null;
  sentryDsn: string | null;
  sentryEnvironment: string;
}

const httpUrl = z.string().check(z.regex(/^https?:\/\/[^\s]+$/, 'expected an http(s) URL'));

const panelConfigSchema = z.object({
  gatewayUrl: httpUrl,
  spotlightUrl: z.nullable(httpUrl),
  sentryOrgUrl: z.nullable(httpUrl),
  sentryDsn: z.nullable(httpUrl),
  sentryEnvironment: z.string(),
});

/** Reads `/config.json` once, before the page renders; a malformed file names the field and what arrived. */
export async function loadPanelConfig(fetchImpl: typeof fetch = fetch): Promise<PanelConfig> {
  const response = await fetchImpl('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered HTTP ${response.status}; expected the panel's configuration`);
  const body: unknown = await response.json();
  const parsed = panelConfigSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`/config.json is malformed: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export function spotlightTraceUrl(config: PanelConfig, traceId: string): string | null {
  return config.spotlightUrl ? `${config.spotlightUrl}/telemetry/traces/${traceId}` : null;
}

/** Spotlight's page for one error event (its Errors view). */
export function spotlightErrorUrl(config: PanelConfig, eventId: string): string | null {
  return config.spotlightUrl ? `${config.spotlightUrl}/telemetry/errors/${eventId}/details` : null;
}

export function sentryTraceUrl(config: PanelConfig, traceId: string): string | null {
  return config.sentryOrgUrl ? `${config.sentryOrgUrl}/performance/trace/${traceId}/` : null;
}
