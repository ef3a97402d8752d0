import assert from 'node:assert/strict';
import { test } from 'node:test';
import { busyMsByGroup, codeGroup } from './v8-profile-shares.js';

test('frames go to the code their script belongs to; idle time to none', { timeout: 5000 }, () => {
  const frame = (url: string, functionName = 'f') => ({ url, functionName });
  assert.equal(codeGroup(frame('file:///app/node_modules/@sentry/core/build/esm/tracing/span.js')), 'sentry');
  assert.equal(codeGroup(frame('file:///app/bench/node_modules/@opentelemetry/sdk-trace/dist/index.mjs')), 'opentelemetry');
  assert.equal(codeGroup(frame('file:///app/node_modules/import-in-the-middle/lib/register.js')), 'module hooks');
  assert.equal(codeGroup(frame('node:internal/http')), 'node');
  assert.equal(codeGroup(frame('', '(garbage collector)')), 'garbage collection');
  assert.equal(codeGroup(frame('file:///app/node_modules/graphql/execution/execute.mjs')), 'application and libraries');
  assert.equal(codeGroup(frame('', '(idle)')), undefined);
  assert.equal(codeGroup(frame('', '(program)')), undefined);
});

test('self time: each sample counts the delta before it for the frame that ran', { timeout: 5000 }, () => {
  const busy = busyMsByGroup({
    nodes: [
      { id: 1, callFrame: { functionName: '(idle)', url: '' } },
      { id: 2, callFrame: { functionName: 'startSpan', url: 'file:///x/node_modules/@sentry/core/a.js' } },
      { id: 3, callFrame: { functionName: 'execute', url: 'file:///x/node_modules/graphql/b.mjs' } },
    ],
    samples: [1, 2, 3, 2],
    timeDeltas: [5000, 1000, 2000, 500],
  });
  assert.equal(busy.sentry, 1.5);
  assert.equal(busy['application and libraries'], 2);
  assert.equal(busy.opentelemetry, 0);
});
