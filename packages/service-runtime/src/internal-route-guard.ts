import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { z } from 'zod';

/**
 * `INTERNAL_API_TOKEN`, of a service that serves `/internal/*` routes (users, analytics) or calls
 * them (game): a secret the services share. `npm start` makes a new one at every start; the Helm
 * chart keeps one in a Secret.
 */
export function internalApiTokenVariable() {
  const expected = 'expected the internal API token the services share (at least 32 characters)';
  return z.string({ error: expected }).min(32, expected);
}

/**
 * `INTERNAL_ALLOWED_HOSTS`: the `Host` names a service's internal routes answer to, comma-separated
 * (a page that rebinds its own DNS name to this machine sends its own name); loopback by default.
 */
export function allowedHostsVariable() {
  return z
    .string()
    .default('localhost,127.0.0.1,::1')
    .transform((text) =>
      text
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter((host) => host.length > 0),
    )
    .refine((hosts) => hosts.length > 0, 'expected a comma-separated list of host names');
}

/** The host name of a `Host` header, without its port (`[::1]:4001` -> `::1`). */
function hostName(header: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return header.replace(/:\d+$/, '').toLowerCase();
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Guards the `/internal/*` routes: the `Host` must be one of `allowedHosts` (403 otherwise), and the
 * request must carry `Authorization: Bearer <token>` (401 otherwise). Both answers say what was
 * expected and what arrived, without echoing a token.
 */
export function internalRouteGuard(access: { token: string; allowedHosts: readonly string[] }): RequestHandler {
  const expected = digest(access.token);
  const allowed = new Set(access.allowedHosts);
  return (req, res, next) => {
    const host = req.headers.host ?? '';
    if (!allowed.has(hostName(host))) {
      res.status(403).json({
        code: 'FORBIDDEN',
        message: `Host: expected one of ${[...allowed].join(', ')}; got ${host ? JSON.stringify(host) : 'none'}`,
      });
      return;
    }
    const authorization = req.headers.authorization;
    const token = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined;
    if (token === undefined || !timingSafeEqual(digest(token), expected)) {
      res
        .status(401)
        .set('www-authenticate', 'Bearer')
        .json({
          code: 'UNAUTHENTICATED',
          message: `Authorization: expected "Bearer <the internal API token the services share>"; got ${
            authorization === undefined ? 'none' : token === undefined ? 'another scheme' : 'a different token'
          }`,
        });
      return;
    }
    next();
  };
}
