import type { Db, Document } from 'mongodb';

/** Which MongoDB the subgraph talks to, as `GET /about` reports it. */
export interface MongoServerInfo {
  server: 'mongod' | 'stand-in' | 'unknown';
  version: string | null;
  /** Whether the server uses secondary indexes; null when it cannot be told. */
  indexesUsed: boolean | null;
  /** One sentence for people. */
  detail: string;
}

const COMMAND_NOT_FOUND = 59;

export const STAND_IN_DETAIL =
  'MongoDB wire-protocol stand-in (mongo-java-server): indexes are accepted but never used, so index effects are not real';

/**
 * Tells the server from its `buildInfo` answer and whether it knows `hello`. A real mongod reports
 * the git revision it was built from; the offline stand-in (mongo-java-server) answers
 * `{ version: '5.0.0', versionArray, maxBsonObjectSize, ok }` and knows only the legacy `isMaster`.
 */
export function classifyMongoServer(buildInfo: Document, knowsHello: boolean): MongoServerInfo {
  const version = typeof buildInfo['version'] === 'string' ? buildInfo['version'] : null;
  if (typeof buildInfo['ferretdbVersion'] === 'string') {
    return {
      server: 'unknown',
      version,
      indexesUsed: null,
      detail: `FerretDB ${buildInfo['ferretdbVersion']}, a MongoDB-compatible server and not mongod: index effects may differ`,
    };
  }
  if (typeof buildInfo['gitVersion'] === 'string') {
    return { server: 'mongod', version, indexesUsed: true, detail: `MongoDB ${version ?? '(version not reported)'}` };
  }
  if (!knowsHello) return { server: 'stand-in', version, indexesUsed: false, detail: STAND_IN_DETAIL };
  return {
    server: 'unknown',
    version,
    indexesUsed: null,
    detail: `a MongoDB-compatible server that does not say it is mongod (reports version ${version ?? 'none'}): index effects may differ`,
  };
}

/** Asks the server once, at start-up. A failure is reported as an unknown server, not a failed start. */
export async function detectMongoServer(db: Db): Promise<MongoServerInfo> {
  const admin = db.admin();
  const unknown = (reason: string): MongoServerInfo => ({ server: 'unknown', version: null, indexesUsed: null, detail: reason });
  let buildInfo: Document;
  try {
    buildInfo = await admin.command({ buildInfo: 1 });
  } catch (error) {
    return unknown(`buildInfo failed: ${(error as Error).message}`);
  }
  let knowsHello = true;
  try {
    await admin.command({ hello: 1 });
  } catch (error) {
    if ((error as { code?: unknown }).code !== COMMAND_NOT_FOUND) return unknown(`hello failed: ${(error as Error).message}`);
    knowsHello = false;
  }
  return classifyMongoServer(buildInfo, knowsHello);
}
