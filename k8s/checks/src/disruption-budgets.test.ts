/**
 * PodDisruptionBudgets: every long-running workload has exactly one, it selects exactly that
 * workload's pods, and it never blocks a node drain (maxUnavailable, so one replica is evicted).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireHelm } from './helm.js';
import { parseManifests, type K8sObject } from './manifests.js';
import { LARGEST_VALUES } from './value-sets.js';
import { workloads } from './workloads.js';

interface Budget extends K8sObject {
  spec: { maxUnavailable?: number | string; minAvailable?: number | string; selector: { matchLabels: Record<string, string> } };
}

const selects = (budget: Budget, labels: Record<string, string>) =>
  Object.entries(budget.spec.selector.matchLabels).every(([key, value]) => labels[key] === value);

test('every long-running workload has one PodDisruptionBudget of its own that lets a drain evict one pod at a time', (t) => {
  const helm = requireHelm(t);
  if (!helm) return;
  const objects = parseManifests(helm.template(LARGEST_VALUES));
  const budgets = objects.filter((object) => object.kind === 'PodDisruptionBudget') as Budget[];
  const pods = workloads(objects);
  const longRunning = pods.filter((workload) => workload.longRunning);
  assert.equal(longRunning.length, 9);
  for (const workload of longRunning) {
    const own = budgets.filter((budget) => selects(budget, workload.labels));
    assert.equal(own.length, 1, `${workload.id}: one budget`);
    assert.equal(own[0]!.spec.maxUnavailable, 1, `${workload.id}: maxUnavailable 1`);
    assert.equal(own[0]!.spec.minAvailable, undefined, `${workload.id}: no minAvailable (with one replica it would block every drain)`);
  }
  for (const budget of budgets) {
    const selected = pods.filter((workload) => selects(budget, workload.labels));
    assert.equal(selected.length, 1, `${budget.metadata.name} selects ${selected.map((workload) => workload.id).join(', ')}`);
  }
  const off = parseManifests(helm.template({ name: 'no budgets', set: { 'podDisruptionBudget.enabled': 'false' } }));
  assert.equal(off.filter((object) => object.kind === 'PodDisruptionBudget').length, 0);
});
