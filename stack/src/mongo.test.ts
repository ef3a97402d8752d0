/**
 * An offline start: mongod cannot be downloaded. provideMongo (server `auto`) runs in a child
 * process whose every outbound connection is checked: the download mirror is a closed port on
 * 127.0.0.1, and a connection to any other host is refused and reported, so nothing leaves the
 * machine. The output must be one line that says what happened and what is used instead; no stack
 * trace (mongodb-memory-server prints the error with its stack before it throws).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { freePort } from './ports.js';

/**
 * Loaded with `--import` into the child: every socket connection to a host other than the loopback
 * is refused and reported on stderr as `OUTBOUND <host>:<port>` (the host is checked before any DNS
 * lookup, so a name is never even resolved).
 */
const OUTBOUND_GUARD = `
import net from 'node:net';
const LOCAL = new Set(['127.0.0.1', 'localhost', '::1']);
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const ipc = options.port === undefined && typeof options.path === 'string'; // a Unix socket
  if (!ipc && !LOCAL.has(options.host ?? 'localhost')) {
    process.stderr.write('OUTBOUND ' + options.host + ':' + options.port + '\\n');
    throw Object.assign(new Error('outbound connection refused by the test'), { code: 'ECONNREFUSED' });
  }
  return connect.apply(this, args);
};
`;

function probe(port: number, dataDir: string): string {
  const dist = (file: string) => JSON.stringify(pathToFileURL(path.join(import.meta.dirname, file)).href);
  return `
import { provideMongo } from ${dist('mongo.js')};
import { ProcessGroup } from ${dist('processes.js')};
const group = new ProcessGroup(() => undefined, () => undefined);
try {
  const mongo = await provideMongo({ url: undefined, server: 'auto', port: ${port}, dataDir: ${JSON.stringify(dataDir)} }, group, (line) => console.log('[stack] ' + line));
  console.log('[probe] source=' + mongo.source);
  await mongo.stop();
} finally {
  await group.stopAll();
}
`;
}

test('offline, a failed mongod download is one line naming the cause and the stand-in used instead; nothing leaves 127.0.0.1', async () => {
  const scratch = await mkdtemp(path.join(tmpdir(), 'mongo-offline-'));
  try {
    const closedPort = await freePort(); // nothing listens there: the download is refused at once
    // A clean environment: no proxy, no MONGOMS_* of the machine, no cached binary (fresh HOME,
    // download folder and working folder, where mongodb-memory-server also looks for one).
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^MONGOMS_|proxy$/i.test(name) && name !== 'NODE_OPTIONS'),
    );
    Object.assign(env, {
      HOME: scratch,
      MONGOMS_DOWNLOAD_DIR: path.join(scratch, 'download'),
      // The mirror replaces https://fastdl.mongodb.org; the archive's name is worked out as usual.
      MONGOMS_DOWNLOAD_MIRROR: `http://127.0.0.1:${closedPort}`,
      MONGOMS_USE_HTTP: 'true',
      MONGOMS_MAX_RETRIES: '1',
    });
    const guard = `data:text/javascript,${encodeURIComponent(OUTBOUND_GUARD)}`;
    const child = spawn(
      process.execPath,
      ['--import', guard, '--input-type=module', '-e', probe(await freePort(), path.join(scratch, 'data'))],
      { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    const lines = output.split('\n').filter((line) => line.trim() !== '');

    assert.equal(code, 0, output);
    assert.deepEqual(
      lines.filter((line) => line.startsWith('OUTBOUND')),
      [],
      'every connection stayed on 127.0.0.1',
    );
    const told = lines.filter((line) => line.includes('mongod'));
    assert.equal(told.length, 1, `one line about mongod:\n${output}`);
    assert.match(
      told[0]!,
      /^\[stack\] mongod could not be downloaded \(connect ECONNREFUSED 127\.0\.0\.1:\d+\); using the MongoDB stand-in instead \(WARNING: indexes are accepted but never used/,
    );
    assert.deepEqual(
      lines.filter((line) => /^\s+at /.test(line) || /Error:|DownloadError/.test(line)),
      [],
      `no stack trace:\n${output}`,
    );
    assert.ok(lines.includes('[probe] source=standin'), output);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
