import { badRequestBody } from '@trace-arcade/service-runtime';
import type { Express } from 'express';
import express from 'express';
import { z } from 'zod';
import { fromMongo, type AnalyticsDb } from './database.js';
import { recordRound } from './repositories/rounds.js';

const roundBody = z.object({
  id: z.uuid(),
  playerId: z.number().int().positive(),
  gameId: z.string().min(1),
  gameKind: z.string().min(1),
  betCents: z.number().int().positive(),
  payoutCents: z.number().int().nonnegative(),
  playedAt: z.iso.datetime(),
});

/** Service-to-service routes: the game subgraph reports each played round here. */
export function internalRoutes(analytics: AnalyticsDb) {
  return (app: Express) => {
    app.post('/internal/rounds', express.json(), async (req, res, next) => {
      const body = roundBody.safeParse(req.body);
      if (!body.success) {
        res.status(400).json(badRequestBody(body.error, req.body));
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
