import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unknownFieldProblems } from './field-names.js';
import { requireHelm } from './helm.js';
import { describeObject, parseManifests, type K8sObject } from './manifests.js';
import { VALUE_SETS } from './value-sets.js';

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/** kubernetes-models' class for an object's apiVersion and kind; its validate() checks the API's JSON schema. */
async function modelFor(object: K8sObject): Promise<ModelClass> {
  const module = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`).catch(() => {
    throw new Error(
      `${describeObject(object)}: expected a Kubernetes API kind; kubernetes-models has none for ${object.apiVersion} ${object.kind}`,
    );
  })) as Record<string, ModelClass>;
  return module[object.kind]!;
}

for (const values of VALUE_SETS) {
  test(`every rendered object matches the Kubernetes API schema, with ${values.name}`, async (t) => {
    const helm = requireHelm(t);
    if (!helm) return;
    const objects = parseManifests(helm.template(values));
    const problems: string[] = [];
    for (const object of objects) {
      const Model = await modelFor(object);
      try {
        new Model(object).validate();
      } catch (error) {
        problems.push(`${describeObject(object)}: ${(error as Error).message}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('no rendered object has a field the Kubernetes API does not know, with any value set', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  // One TypeScript program for every value set: compiling is the slow part.
  const objects = VALUE_SETS.flatMap((values) => parseManifests(helm.template(values)));
  assert.deepEqual(unknownFieldProblems(objects), []);
});
