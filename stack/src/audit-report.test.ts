import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditVerdict } from './audit-report.js';

const metadata = (counts: Partial<Record<'info' | 'low' | 'moderate' | 'high' | 'critical' | 'total', number>>) => ({
  vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...counts },
  dependencies: { prod: 312, dev: 0, optional: 4, peer: 0, peerOptional: 0, total: 311 },
});

test('a clean report is a pass that says how much was checked', () => {
  const verdict = auditVerdict(JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: metadata({}) }), '');
  assert.deepEqual(verdict, {
    status: 'pass',
    summary: '312 production dependencies checked: no high or critical advisory (moderate 0, low 0, info 0)',
  });
});

test('moderate and low advisories do not fail the audit', () => {
  const report = {
    auditReportVersion: 2,
    vulnerabilities: {
      cookie: {
        name: 'cookie',
        severity: 'low',
        via: [{ title: 'cookie accepts out of bounds characters', url: 'https://github.com/advisories/GHSA-pxg6-pf52-xh8x' }],
        range: '<0.7.0',
      },
    },
    metadata: metadata({ low: 1, total: 1 }),
  };
  assert.equal(auditVerdict(JSON.stringify(report), '').status, 'pass');
});

test('a high or critical advisory fails, naming the package, the advisory and where it comes through', () => {
  const report = {
    auditReportVersion: 2,
    vulnerabilities: {
      minimist: {
        name: 'minimist',
        severity: 'critical',
        via: [
          {
            source: 1097677,
            title: 'Prototype Pollution in minimist',
            url: 'https://github.com/advisories/GHSA-xvch-5gv4-984h',
            severity: 'critical',
          },
        ],
        range: '<=0.2.3',
      },
      mkdirp: { name: 'mkdirp', severity: 'high', via: ['minimist'], range: '0.4.1 - 0.5.1' },
      cookie: { name: 'cookie', severity: 'moderate', via: [{ title: 'x' }], range: '<0.7.0' },
    },
    metadata: metadata({ critical: 1, high: 1, moderate: 1, total: 3 }),
  };
  const verdict = auditVerdict(JSON.stringify(report), '');
  assert.equal(verdict.status, 'fail');
  assert.ok(verdict.status === 'fail');
  assert.equal(verdict.summary, '312 production dependencies checked: 1 critical, 1 high (moderate 1, low 0, info 0)');
  assert.deepEqual(verdict.advisories, [
    'minimist <=0.2.3 critical: Prototype Pollution in minimist (https://github.com/advisories/GHSA-xvch-5gv4-984h)',
    'mkdirp 0.4.1 - 0.5.1 high: through minimist',
  ]);
});

test("a registry without the advisory endpoint is 'unavailable' with its answer, never a pass", () => {
  // What registry.npmjs.org answered here (2026-11-29).
  const stdout = JSON.stringify({
    message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    method: 'POST',
    uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    statusCode: 405,
    body: '',
    error: { summary: '', detail: '' },
  });
  assert.deepEqual(auditVerdict(stdout, 'npm warn audit 405 Method Not Allowed\nnpm error audit endpoint returned an error\n'), {
    status: 'unavailable',
    reason: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  });
});

test('no network, or no JSON at all: unavailable, with the reason from stderr', () => {
  const offline = JSON.stringify({
    error: {
      code: 'ENOTFOUND',
      summary:
        'request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org',
      detail: '',
    },
  });
  const verdict = auditVerdict(offline, '');
  assert.equal(verdict.status, 'unavailable');
  assert.match(verdict.status === 'unavailable' ? verdict.reason : '', /ENOTFOUND registry\.npmjs\.org/);
  assert.deepEqual(auditVerdict('', 'npm error could not start npm: spawn npm ENOENT\n'), {
    status: 'unavailable',
    reason: 'could not start npm: spawn npm ENOENT',
  });
});
