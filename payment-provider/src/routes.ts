import { badRequestBody } from '@trace-arcade/service-runtime';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Express, NextFunction, Request, Response } from 'express';
import express from 'express';
import { z } from 'zod';
import { AuthorizationBook } from './authorizations.js';

export interface ProviderSettings {
  latencyMs: number;
  limitCents: number;
}

const chargeBody = z.object({ playerId: z.number().int().positive(), amountCents: z.number().int().positive() });

/** Answers 400 with what was expected when the body does not parse. */
function parseBody(req: Request, res: Response) {
  const parsed = chargeBody.safeParse(req.body);
  if (!parsed.success) res.status(400).json(badRequestBody(parsed.error, req.body));
  return parsed.success ? parsed.data : undefined;
}

/** The payment API: every route waits `latencyMs` first, as a real third party across the internet would. */
export function paymentRoutes(settings: ProviderSettings, book = new AuthorizationBook()) {
  const simulatedThirdPartyLatency = async (_req: Request, _res: Response, next: NextFunction) => {
    await sleep(settings.latencyMs);
    next();
  };
  return (app: Express) => {
    app.use('/v1', simulatedThirdPartyLatency, express.json());

    app.post('/v1/fraud-checks', (req, res) => {
      const charge = parseBody(req, res);
      if (charge) res.json({ approved: true, score: (charge.playerId * 7919) % 100 });
    });

    app.post('/v1/limit-checks', (req, res) => {
      const charge = parseBody(req, res);
      if (!charge) return;
      res.json(
        charge.amountCents <= settings.limitCents
          ? { approved: true }
          : { approved: false, reason: `amount ${charge.amountCents} cents is above the limit of ${settings.limitCents}` },
      );
    });

    app.post('/v1/identity-checks', (req, res) => {
      const charge = parseBody(req, res);
      if (charge) res.json({ approved: true, verification: 'verified' });
    });

    app.get('/v1/accounts/:playerId/balance', (req, res) => {
      const playerId = Number(req.params.playerId);
      if (!Number.isInteger(playerId) || playerId < 1) {
        res.status(400).json({ code: 'BAD_REQUEST', message: `expected a positive player id; got ${JSON.stringify(req.params.playerId)}` });
        return;
      }
      res.json({ playerId, availableCents: 10_000_000 });
    });

    app.post('/v1/authorizations', (req, res) => {
      const key = req.get('idempotency-key');
      if (!key) {
        res.status(400).json({ code: 'BAD_REQUEST', message: 'expected an Idempotency-Key header; got none' });
        return;
      }
      const charge = parseBody(req, res);
      if (!charge) return;
      const { authorization, replayed } = book.authorize(key, charge.playerId, charge.amountCents);
      res.status(replayed ? 200 : 201).json(authorization);
    });

    app.delete('/v1/authorizations/:id', (req, res) => {
      const authorization = book.void(req.params.id);
      if (authorization) res.json(authorization);
      else res.status(404).json({ code: 'NOT_FOUND', message: `no authorization ${req.params.id}` });
    });

    app.get('/v1/stats', (_req, res) => {
      res.json({ authorizations: book.count });
    });
  };
}
