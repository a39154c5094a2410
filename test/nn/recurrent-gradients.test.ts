import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGradients } from './gradient-check.js';

const TOLERANCE = 1e-6;

for (const type of ['lstm', 'gru'] as const) {
  for (const returnSequences of [true, false]) {
    test(`${type} gradients over 5 steps, returnSequences ${returnSequences}`, () => {
      const report = checkGradients({ type, units: 4, returnSequences }, [5, 3], { batch: 3 });
      assert.ok(report.worstError < TOLERANCE, report.where);
      assert.ok(report.largestGradient > 0.1, 'the check saw real gradients');
      // input 3·5·3, kernel 3·G·4, recurrent kernel 4·G·4, bias
      const gates = type === 'lstm' ? 4 : 3;
      const biasSize = type === 'lstm' ? 16 : 24;
      assert.equal(report.checked, 45 + 12 * gates + 16 * gates + biasSize);
    });
  }
}

test('lstm gradients when the batch has a single sample and one step', () => {
  const report = checkGradients({ type: 'lstm', units: 3, returnSequences: true }, [1, 2], { batch: 1 });
  assert.ok(report.worstError < TOLERANCE, report.where);
});
