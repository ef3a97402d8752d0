import { playedRoundProblem } from '@trace-arcade/seed-data';
import { badRequestBody, internalRouteGuard } from '@trace-arcade/service-runtime';
import type { Express } from 'express';
import express from 'express';
import { z } from 'zod';
import { fromMongo, type AnalyticsDb } from './database.js';
import { recordRound } from './repositories/rounds.js';

const roundBody = z.object({
  id: z.uuid(),
  playerId: z.number().int().positive().max(2_147_483_647),
  gameId: z.string().min(1),
  gameKind: z.string().min(1),
  betCents: z.number().int().positive(),
  payoutCents: z.number().int().nonnegative(),
  playedAt: z.iso.datetime(),
});

/** Service-to-service routes: the game subgraph reports each played round here. */
export function internalRoutes(analytics: AnalyticsDb, access: { token: string; allowedHosts: readonly string[] }) {
  return (app: Express) => {
    // Only the services that share the token, under this service's own names (internal-route-guard.ts).
    app.use('/internal', internalRouteGuard(access));
    app.post('/internal/rounds', express.json(), async (req, res, next) => {
      const body = roundBody.safeParse(req.body);
      if (!body.success) {
        res.status(400).json(badRequestBody(body.error, req.body));
        return;
      }
      const problem = playedRoundProblem(body.data);
      if (problem) {
        res.status(400).json({ code: 'BAD_REQUEST', message: `request body: ${problem}` });
        return;
      }
      const { id, playedAt, ...round } = body.data;
      try {
        await recordRound(analytics, { _id: id, ...round, playedAt: new Date(playedAt) });
        res.status(201).json({ status: 'recorded' });
      } catch (error) {
        // MongoDB down: 503 UPSTREAM_UNAVAILABLE naming the analytics database (and reported to Sentry).
        next(fromMongo(error));
      }
    });
  };
}
