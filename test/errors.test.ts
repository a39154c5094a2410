import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError, UsageError } from '../src/errors.js';

test('an error renders as one line naming file, place, problem and fix', () => {
  const error = new EdgeforgeError('ragged row with 5 cells, the header has 6', {
    file: 'data.csv',
    place: 'row 12',
    fix: 'Fix the row or delete it',
  });
  assert.equal(
    error.oneLine(),
    'data.csv: row 12: ragged row with 5 cells, the header has 6. Fix the row or delete it.',
  );
  assert.equal(error.exitCode, 1);
  assert.equal(new UsageError('bad flag').exitCode, 2);
});
