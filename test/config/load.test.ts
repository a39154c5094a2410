import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig, validateConfig } from '../../src/config/load.js';
import { starterConfig } from '../../src/config/starter.js';
import { EdgeforgeError } from '../../src/errors.js';

function errorLine(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof EdgeforgeError, `expected an EdgeforgeError, got ${String(error)}`);
    return error.oneLine();
  }
  assert.fail('expected an error');
}

test('the starter config is valid and fills every default', () => {
  for (const synthesize of [true, false]) {
    const config = validateConfig(parse(starterConfig('data/bearing.csv', synthesize)), 'edgeforge.yaml');
    assert.equal(config.data.file, 'data/bearing.csv');
    assert.equal(config.data.split.test, 0.2);
    assert.equal(config.data.scale.method, 'standard');
    assert.equal(config.data.augment.noise, 0.1);
    assert.equal(config.data.synthesize !== undefined, synthesize);
  }
});

test('a minimal config gets the documented defaults', () => {
  const config = validateConfig({ data: { file: 'x.csv' } }, 'c.yaml');
  assert.deepEqual(config.data.split, {
    train: 0.7,
    validation: 0.1,
    test: 0.2,
    seed: 42,
    stratify: true,
    by: 'auto',
    rules: [],
  });
  assert.deepEqual(config.data.clean, { policy: 'drop', fill: 0 });
  assert.equal(config.data.augment.copies, 0);
});

test('a bad enum value names the field, the value and the allowed values', () => {
  const line = errorLine(() =>
    validateConfig({ data: { file: 'x.csv', scale: { method: 'zscore' } } }, 'c.yaml'),
  );
  assert.match(
    line,
    /^c\.yaml: field data\.scale\.method: got "zscore"; allowed values: standard, minmax, robust, none\./,
  );
});

test('an unknown field suggests the closest known one and lists the allowed fields', () => {
  const line = errorLine(() => validateConfig({ data: { file: 'x.csv', splitt: {} } }, 'c.yaml'));
  assert.match(
    line,
    /unknown field data\.splitt \(did you mean split\?\); allowed fields: file, layout, label/,
  );
});

test('an out-of-range number names the range', () => {
  const line = errorLine(() => validateConfig({ data: { file: 'x.csv', split: { test: 1.5 } } }, 'c.yaml'));
  assert.match(line, /field data\.split\.test: got 1\.5; allowed: a value <= 1/);
  const count = errorLine(() =>
    validateConfig({ data: { file: 'x.csv', window: { length: 0.5, stride: 1 } } }, 'c.yaml'),
  );
  assert.match(count, /field data\.window\.length: got 0\.5; expected a whole number/);
});

test('a missing data section is named', () => {
  assert.match(
    errorLine(() => validateConfig({}, 'c.yaml')),
    /field data: got nothing; expected an object/,
  );
});

test('loadConfig reports YAML syntax errors with line and column, and resolves paths next to the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'edgeforge-config-'));
  const bad = join(dir, 'bad.yaml');
  await writeFile(bad, 'data:\n  file: x.csv\n  split: [1, 2\n');
  await assert.rejects(loadConfig(bad), (error: unknown) => {
    assert.ok(error instanceof EdgeforgeError);
    assert.match(
      error.oneLine(),
      /bad\.yaml: line 4, column 1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]\. Fix/,
    );
    return true;
  });
  const good = join(dir, 'good.yaml');
  await writeFile(good, 'name: demo\ndata:\n  file: sub/x.csv\n');
  const config = await loadConfig(good);
  assert.equal(config.data.file, join(dir, 'sub/x.csv'));
  assert.equal(config.output, join(dir, 'runs/demo'));
  await assert.rejects(loadConfig(join(dir, 'missing.yaml')), /config file not found/);
  await assert.rejects(loadConfig(dir), /is a folder/);
});
