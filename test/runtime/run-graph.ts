/** Runs a hand-built graph once on given inputs and returns copies of its outputs. */
import assert from 'node:assert/strict';
import type { Graph } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';

export function runGraph(graph: Graph, inputs: readonly (readonly number[])[], batch = 1): number[][] {
  const interpreter = new Interpreter(graph, { batch });
  inputs.forEach((values, i) => {
    assert.equal(interpreter.input(i).length, values.length, `input ${i} length`);
    interpreter.input(i).set(values);
  });
  interpreter.invoke();
  return graph.outputs.map((_, i) => Array.from(interpreter.output(i)));
}

/** Every value within `tolerance` of the expected one. */
export function assertClose(
  actual: readonly number[],
  expected: readonly number[],
  tolerance = 1e-6,
  label = '',
): void {
  assert.equal(actual.length, expected.length, `${label} length`);
  actual.forEach((value, i) => {
    assert.ok(
      Math.abs(value - expected[i]) <= tolerance,
      `${label}[${i}]: ${value} differs from ${expected[i]} by more than ${tolerance}`,
    );
  });
}
