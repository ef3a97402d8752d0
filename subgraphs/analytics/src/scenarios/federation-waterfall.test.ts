import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as Sentry from '@sentry/node';
import { RequestCost, scenarioSelection } from '@trace-arcade/service-runtime';
import { loadServiceConfig } from '../config.js';
import type { AnalyticsContext } from '../context.js';
import type { AnalyticsDb } from '../database.js';
import { fixedGameLeaderboard, slowGameTopPlayers } from './federation-waterfall.js';

// Spans are recorded, never sent: the DSN is never called.
Sentry.init({ dsn: 'http://public@127.0.0.1:9/1', tracesSampleRate: 1, defaultIntegrations: false, beforeSendTransaction: () => null });

const { SCENARIO_DEFAULTS } = loadServiceConfig({ INTERNAL_API_TOKEN: 't'.repeat(32) });

/** A context whose rounds collection records the span its aggregation ran in. */
function contextIn(mode: 'slow' | 'fixed' | 'yours', seen: { name: string; variant: unknown }[]): AnalyticsContext {
  const rounds = {
    aggregate: () => ({
      toArray: async () => {
        const span = Sentry.spanToJSON(Sentry.getActiveSpan()!);
        seen.push({ name: span.name, variant: span.attributes['scenario.federation-waterfall'] });
        return [];
      },
    }),
  };
  return {
    scenarios: scenarioSelection({ 'x-scenarios': `federation-waterfall=${mode}` }, SCENARIO_DEFAULTS),
    cost: new RequestCost({}),
    analytics: { rounds } as unknown as AnalyticsDb,
  } as unknown as AnalyticsContext;
}

const resolverInfo = {} as never;

test('the span names the twin of the field that ran, whatever x-scenarios says', { timeout: 10_000 }, async () => {
  // Their generated type also allows a `{ resolve }` object: these are functions.
  const [gameTopPlayers, gameLeaderboard] = [slowGameTopPlayers, fixedGameLeaderboard];
  if (typeof gameTopPlayers !== 'function' || typeof gameLeaderboard !== 'function') throw new Error('expected resolver functions');
  for (const mode of ['slow', 'fixed', 'yours'] as const) {
    const seen: { name: string; variant: unknown }[] = [];
    await Sentry.startSpan({ name: 'request' }, async () => {
      assert.deepEqual(await gameTopPlayers({ id: 'dice' }, { limit: 5 }, contextIn(mode, seen), resolverInfo), []);
      assert.deepEqual(await gameLeaderboard({}, { gameId: 'dice', limit: 5 }, contextIn(mode, seen), resolverInfo), []);
    });
    assert.deepEqual(
      seen,
      [
        { name: 'federation-waterfall (slow)', variant: 'slow' },
        { name: 'federation-waterfall (fixed)', variant: 'fixed' },
      ],
      `x-scenarios: federation-waterfall=${mode}`,
    );
  }
});
