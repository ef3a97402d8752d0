/**
 * The panel's routes: its run-time configuration, the static files of `npm run build -w web`, and
 * index.html for every other path that names no file (a single-page app routes in the browser).
 */
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { PanelRuntimeConfig } from './runtime-config.js';

/** Vite names every file under assets/ by a hash of its content: a new build is a new URL, so browsers keep them for a year. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';
/** index.html (and any other unhashed file) names the current build's assets: revalidated on every load, so a deploy shows at once. */
export const PAGE_CACHE = 'no-cache';
/** This deployment's settings: never stored, as the Vite dev server serves them too. */
export const CONFIG_CACHE = 'no-store';

export interface PanelRoutesOptions {
  /** The folder `vite build` wrote: index.html and assets/. */
  staticDir: string;
  runtimeConfig: PanelRuntimeConfig;
}

const isRead = (req: Request) => req.method === 'GET' || req.method === 'HEAD';

/** A path that names a file (under assets/, or with a dot in its last segment) is that file or a 404; any other path is a route of the page. */
const namesFile = (file: string) => file.startsWith('/assets/') || file.slice(file.lastIndexOf('/') + 1).includes('.');

/** Sends one file of the build with its cache policy; calls `notFound` when the path names no file. */
function sendBuildFile(res: Response, file: string, staticDir: string, next: NextFunction, notFound: () => void) {
  const cacheControl = file.startsWith('/assets/') ? ASSET_CACHE : PAGE_CACHE;
  // `root` confines the path to the build folder (`..` is refused); dotfiles are not served.
  res.sendFile(
    file,
    { root: staticDir, cacheControl: false, headers: { 'cache-control': cacheControl } },
    (error?: NodeJS.ErrnoException & { status?: number }) => {
      if (!error || res.headersSent) return;
      if (error.status === 404 || error.code === 'EISDIR') notFound();
      else next(error);
    },
  );
}

export function panelRoutes({ staticDir, runtimeConfig }: PanelRoutesOptions): (app: Express) => void {
  // Serialised once: the configuration is read at start-up and never changes while the server runs.
  const configBody = JSON.stringify(runtimeConfig);

  const noSniff: RequestHandler = (_req, res, next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  };

  const staticFile: RequestHandler = (req, res, next) => {
    if (!isRead(req)) return next();
    let file: string;
    try {
      // res.sendFile encodes the path again: give it the decoded one.
      file = decodeURIComponent(req.path);
    } catch {
      res.status(400).json({ code: 'BAD_REQUEST', message: `path: expected a well-formed URL path; got ${JSON.stringify(req.path)}` });
      return;
    }
    sendBuildFile(res, file, staticDir, next, () => {
      // A missing file is a 404, never the page: the browser would run index.html as a script, or show it as a document.
      if (namesFile(file)) res.status(404).setHeader('cache-control', CONFIG_CACHE).type('text').send('not found');
      else next();
    });
  };

  const page: RequestHandler = (req, res, next) => {
    if (!isRead(req)) return next();
    sendBuildFile(res, '/index.html', staticDir, next, () =>
      next(new Error(`expected the panel's index.html in ${staticDir}; found nothing`)),
    );
  };

  return (app) => {
    app.use(noSniff);
    app.get('/config.json', (_req, res) => {
      res.setHeader('cache-control', CONFIG_CACHE);
      res.type('json').send(configBody);
    });
    app.use(staticFile);
    app.use(page);
  };
}
