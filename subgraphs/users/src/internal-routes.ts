import { playedRoundProblem } from '@trace-arcade/seed-data';
import { badRequestBody, internalRouteGuard } from '@trace-arcade/service-runtime';
import type { Express } from 'express';
import express from 'express';
import { z } from 'zod';
import type { UsersDb } from './database.js';
import { recordRound } from './repositories/rounds.js';

const recordRoundBody = z.object({
  id: z.uuid(),
  playerId: z.number().int().positive().max(2_147_483_647),
  gameId: z.string().min(1),
  betCents: z.number().int().positive(),
  payoutCents: z.number().int().nonnegative(),
  outcome: z.string().min(1),
  playedAt: z.iso.datetime(),
});

/** Service-to-service routes: the game subgraph records each played round here. */
export function internalRoutes(db: UsersDb, access: { token: string; allowedHosts: readonly string[] }) {
  return (app: Express) => {
    // Only the services that share the token, under this service's own names (internal-route-guard.ts).
    app.use('/internal', internalRouteGuard(access));
    app.post('/internal/rounds', express.json(), async (req, res, next) => {
      const body = recordRoundBody.safeParse(req.body);
      if (!body.success) {
        res.status(400).json(badRequestBody(body.error, req.body));
        return;
      }
      const problem = playedRoundProblem(body.data);
      if (problem) {
        res.status(400).json({ code: 'BAD_REQUEST', message: `request body: ${problem}` });
        return;
      }
      try {
        const result = await recordRound(db, { ...body.data, playedAt: new Date(body.data.playedAt) });
        const status = { recorded: 201, duplicate: 200, 'unknown-player': 404, 'insufficient-funds': 409 }[result.status];
        res.status(status).json(result);
      } catch (error) {
        next(error);
      }
    });
  };
}
