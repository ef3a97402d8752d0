import type { Express } from 'express';
import type { MongoServerInfo } from './mongo-server.js';

/** `GET /about`: the MongoDB server detected at start-up; the gateway passes it on in its own `/about`. */
export function aboutRoute(mongo: MongoServerInfo) {
  return (app: Express) => {
    app.get('/about', (_req, res) => {
      res.json({ mongo });
    });
  };
}
