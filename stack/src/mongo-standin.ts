import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { repoPath } from './paths.js';
import type { ProcessGroup } from './processes.js';

const PROJECT = repoPath('tools', 'mongo-standin');
const CLASSPATH = `${PROJECT}/target/classes:${PROJECT}/target/dependency/*`;

function hasCommand(command: string): boolean {
  return spawnSync(command, ['-version'], { stdio: 'ignore' }).status === 0;
}

/** Builds the stand-in with Maven (from Maven Central) the first time; later runs reuse the build. */
export function buildMongoStandIn(log: (line: string) => void): void {
  if (existsSync(`${PROJECT}/target/classes/MongoStandin.class`) && existsSync(`${PROJECT}/target/dependency`)) return;
  if (!hasCommand('java') || !hasCommand('mvn')) {
    throw new Error(
      'no MongoDB available: set MONGO_URL to a running MongoDB, allow mongodb-memory-server to download mongod, ' +
        'or install Java 17+ and Maven for the offline stand-in (tools/mongo-standin)',
    );
  }
  log('building the MongoDB stand-in (tools/mongo-standin) with Maven');
  const build = spawnSync(
    'mvn',
    ['-q', '-B', '-f', `${PROJECT}/pom.xml`, 'package', 'dependency:copy-dependencies', '-DincludeScope=runtime'],
    {
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error(`building tools/mongo-standin failed (mvn exit ${build.status})`);
}

/** Starts the in-memory MongoDB wire-protocol stand-in on 127.0.0.1:`port` and waits until it listens. */
export async function startMongoStandIn(processes: ProcessGroup, port: number, log: (line: string) => void): Promise<string> {
  buildMongoStandIn(log);
  const child = processes.start({
    name: 'mongo-standin',
    command: 'java',
    args: ['-Xmx1g', '-cp', CLASSPATH, 'MongoStandin', String(port)],
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
