import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load.js';

test('the demo config in examples/ is valid', async () => {
  const config = await loadConfig('examples/demo.yaml');
  assert.equal(config.name, 'demo');
  assert.equal(config.train?.preset, 'cnn1d-small');
  assert.equal(config.data.split.test, 0.2);
});
