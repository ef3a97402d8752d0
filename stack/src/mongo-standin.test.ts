/** When `npm start` builds the MongoDB stand-in again: never built, or its pom.xml or sources changed since. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { standInBuildReason, standInSourceHash } from './mongo-standin.js';

test('a build is reused until pom.xml or a source changes', async () => {
  const project = await mkdtemp(path.join(tmpdir(), 'standin-build-'));
  try {
    const source = path.join(project, 'src/main/java/MongoStandin.java');
    const compiled = path.join(project, 'target/classes/MongoStandin.class');
    await mkdir(path.dirname(source), { recursive: true });
    await writeFile(path.join(project, 'pom.xml'), '<project>memory backend</project>');
    await writeFile(source, 'class MongoStandin {}');
    assert.equal(standInBuildReason(project), 'not built yet');

    // Built by Maven directly (CI): the class is newer than every source.
    await mkdir(path.dirname(compiled), { recursive: true });
    await mkdir(path.join(project, 'target/dependency'));
    await writeFile(compiled, 'bytes');
    const past = new Date(Date.now() - 60_000);
    await utimes(source, past, past);
    await utimes(path.join(project, 'pom.xml'), past, past);
    assert.equal(standInBuildReason(project), undefined);
    // A pull brings a newer pom.xml (a new backend): built again.
    await writeFile(path.join(project, 'pom.xml'), '<project>memory and H2 backends</project>');
    assert.equal(standInBuildReason(project), 'its sources changed');

    // Built by npm start: it records the sources' hash, and only their content counts.
    await writeFile(path.join(project, 'target/built-from.sha256'), `${standInSourceHash(project)}\n`);
    assert.equal(standInBuildReason(project), undefined);
    await writeFile(source, 'class MongoStandin { /* a data folder */ }');
    assert.equal(standInBuildReason(project), 'its sources changed');
  } finally {
    await rm(project, { recursive: true, force: true });
  }
});
