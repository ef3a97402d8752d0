import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoPath } from './paths.js';
import type { ProcessGroup } from './processes.js';

const PROJECT = repoPath('tools', 'mongo-standin');
const CLASSPATH = `${PROJECT}/target/classes:${PROJECT}/target/dependency/*`;
/** The hash of the sources the last build by `buildMongoStandIn` was made from. */
const builtFrom = (project: string) => `${project}/target/built-from.sha256`;

/**
 * The stand-in's JVM, sized for the default data set (200,000 rounds): in memory its documents are a
 * live set of about 290 MiB, and the slow `slow-aggregation` variant pulls every one of them into one
 * result (about 100 MiB more) while the heap must keep room to collect. 512 MiB holds that without
 * full collections back to back (384 MiB did not: each full read took 4x longer); measured with
 * `npm run bench:footprint`, figures in BENCHMARKS.md. The serial collector has the least overhead
 * for one client process on 2 cores. Before: `-Xmx1g` with the default G1, 0.8 GiB resident.
 */
export const STANDIN_JVM_OPTIONS = ['-Xms32m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:MaxMetaspaceSize=96m', '-Xss512k'];

function hasCommand(command: string): boolean {
  return spawnSync(command, ['-version'], { stdio: 'ignore' }).status === 0;
}

/** The files the build reads: pom.xml and everything under src/, in a stable order. */
function sourceFiles(project: string): string[] {
  const files = [`${project}/pom.xml`];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(`${project}/src`);
  return files;
}

/** One hash over the sources' paths and contents. */
export function standInSourceHash(project = PROJECT): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(project)) hash.update(path.relative(project, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/**
 * Why the stand-in must be built (again), or undefined when the build in target/ matches the
 * sources: never built, built from other sources (a pull changed pom.xml or src/), or, for a build
 * made by Maven directly (CI), a source newer than the compiled class.
 */
export function standInBuildReason(project = PROJECT): string | undefined {
  const compiled = `${project}/target/classes/MongoStandin.class`;
  if (!existsSync(compiled) || !existsSync(`${project}/target/dependency`)) return 'not built yet';
  if (existsSync(builtFrom(project))) {
    return readFileSync(builtFrom(project), 'utf8').trim() === standInSourceHash(project) ? undefined : 'its sources changed';
  }
  const builtAt = statSync(compiled).mtimeMs;
  return sourceFiles(project).some((file) => statSync(file).mtimeMs > builtAt) ? 'its sources changed' : undefined;
}

/** Builds the stand-in with Maven (from Maven Central) when it is not built or its sources changed; otherwise reuses the build. */
export function buildMongoStandIn(log: (line: string) => void): void {
  const why = standInBuildReason();
  if (!why) return;
  if (!hasCommand('java') || !hasCommand('mvn')) {
    throw new Error(
      'no MongoDB available: set MONGO_URL to a running MongoDB, allow mongodb-memory-server to download mongod, ' +
        'or install Java 17+ and Maven for the offline stand-in (tools/mongo-standin)',
    );
  }
  log(`building the MongoDB stand-in (tools/mongo-standin) with Maven: ${why}`);
  const hash = standInSourceHash();
  const build = spawnSync(
    'mvn',
    ['-q', '-B', '-f', `${PROJECT}/pom.xml`, 'package', 'dependency:copy-dependencies', '-DincludeScope=runtime'],
    {
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error(`building tools/mongo-standin failed (mvn exit ${build.status})`);
  writeFileSync(builtFrom(PROJECT), `${hash}\n`);
}

/**
 * Starts the MongoDB wire-protocol stand-in on 127.0.0.1:`port` and waits until it listens. With
 * `dataDir` its data is kept there (one MVStore file) and found again by the next start; without,
 * it lives in memory only.
 */
export async function startMongoStandIn(
  processes: ProcessGroup,
  port: number,
  log: (line: string) => void,
  dataDir?: string,
): Promise<string> {
  buildMongoStandIn(log);
  const child = processes.start({
    name: 'mongo-standin',
    command: 'java',
    args: [...STANDIN_JVM_OPTIONS, '-cp', CLASSPATH, 'MongoStandin', String(port), ...(dataDir ? [path.resolve(dataDir)] : [])],
    cwd: PROJECT,
    env: process.env,
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the MongoDB stand-in exited with code ${code} before listening on port ${port}`)));
  });
  return `mongodb://127.0.0.1:${port}`;
}
