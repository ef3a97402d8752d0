import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '@trace-arcade/service-runtime';
import { loadStackConfig } from './config.js';

test('LOG_FORMAT is pretty, json or unset; anything else stops the start naming the variable', { timeout: 5_000 }, () => {
  assert.equal(loadStackConfig({}).LOG_FORMAT, undefined);
  assert.equal(loadStackConfig({ LOG_FORMAT: 'json' }).LOG_FORMAT, 'json');
  assert.equal(loadStackConfig({ LOG_FORMAT: 'pretty' }).LOG_FORMAT, 'pretty');
  assert.throws(
    () => loadStackConfig({ LOG_FORMAT: 'fancy' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /LOG_FORMAT.*expected pretty or json/);
      return true;
    },
  );
});
