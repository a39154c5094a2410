/**
 * The planner on 300 random graphs (seeded): chains and branching DAGs of elementwise ops,
 * reshapes, dense layers, concatenations and GRUs (scratch and state) with random sizes.
 * Lifetimes and the peak of live bytes are recomputed here from the graph, independently of
 * the planner.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planMemory, type MemoryPlan } from '../../src/graph/plan/index.js';
import type { Graph } from '../../src/graph/types.js';
import { Random } from '../../src/util/random.js';
import { GraphBuilder } from '../runtime/graph-builder.js';

const GRAPHS = 300;

interface RandomGraph {
  graph: Graph;
  shapes: number[][];
  chain: boolean;
}

function randomGraph(seed: number): RandomGraph {
  const random = new Random(seed);
  const chain = seed % 2 === 0;
  const g = new GraphBuilder();
  const produced: number[] = [];
  const width = () => 1 + random.int(40);
  produced.push(g.input([1, width()]));
  if (!chain && random.next() < 0.5) produced.push(g.input([1, width()]));
  // Chains read the newest tensor; branching graphs mostly a recent one, sometimes any.
  const pick = (): number => {
    if (chain) return produced[produced.length - 1];
    const recent = random.next() < 0.7;
    return produced[
      recent ? produced.length - 1 - random.int(Math.min(3, produced.length)) : random.int(produced.length)
    ];
  };
  const size = (tensor: number) => g.tensors[tensor].shape[1];
  const opCount = 2 + random.int(25);
  for (let i = 0; i < opCount; i++) {
    const x = pick();
    const kind = random.int(chain ? 5 : 7);
    let out: number;
    if (kind === 0) {
      out = g.tensor([1, size(x)]);
      const type = (['RELU', 'RELU6', 'TANH', 'LOGISTIC'] as const)[random.int(4)];
      g.op({ type, inputs: [x], outputs: [out], options: {} });
    } else if (kind === 1) {
      out = g.tensor([1, size(x)]);
      g.op({ type: 'RESHAPE', inputs: [x, g.ints([1, size(x)])], outputs: [out], options: {} });
    } else if (kind === 2 || kind === 3) {
      const units = width();
      out = g.tensor([1, units]);
      const weights = g.floats([units, size(x)], new Array(units * size(x)).fill(0));
      g.op({
        type: 'FULLY_CONNECTED',
        inputs: [x, weights, -1],
        outputs: [out],
        options: { fusedActivation: 'NONE', keepNumDims: false },
      });
    } else if (kind === 4) {
      const units = width();
      out = g.tensor([1, units]);
      const kernel = g.floats([3 * units, size(x)], new Array(3 * units * size(x)).fill(0));
      const recurrent = g.floats([3 * units, units], new Array(3 * units * units).fill(0));
      const bias = g.floats([3 * units], new Array(3 * units).fill(0));
      g.op({
        type: 'GRU',
        inputs: [x, kernel, recurrent, bias, bias, g.variable([1, units])],
        outputs: [out],
        options: { resetAfter: true, timeMajor: false, returnSequences: false },
      });
    } else if (kind === 5) {
      const y = pick();
      out = g.tensor([1, size(x) + size(y)]);
      g.op({
        type: 'CONCATENATION',
        inputs: [x, y],
        outputs: [out],
        options: { axis: 1, fusedActivation: 'NONE' },
      });
    } else {
      out = g.tensor([1, size(x)]);
      g.op({ type: 'ADD', inputs: [x, x], outputs: [out], options: { fusedActivation: 'NONE' } });
    }
    produced.push(out);
  }
  g.output(produced[produced.length - 1]);
  if (!chain && random.next() < 0.5) {
    const extra = produced[random.int(produced.length - 1)];
    if (!g.inputs.includes(extra)) g.output(extra);
  }
  const graph = g.build();
  return { graph, shapes: graph.tensors.map((tensor) => [...tensor.shape]), chain };
}

interface Span {
  first: number;
  last: number;
}

/** Lifetimes straight from the definition, for every activation tensor. */
function lifetimes(graph: Graph): Map<number, Span> {
  const spans = new Map<number, Span>();
  const activation = (t: number) => graph.tensors[t].data === undefined && graph.tensors[t].variable !== true;
  for (const t of graph.inputs) spans.set(t, { first: -1, last: -1 });
  graph.ops.forEach((op, i) => {
    for (const t of op.inputs) if (t >= 0 && activation(t)) spans.get(t)!.last = i;
    for (const t of op.outputs) spans.set(t, { first: i, last: i });
  });
  for (const t of graph.outputs) spans.get(t)!.last = graph.ops.length - 1;
  return spans;
}

const overlap = (a: Span, b: Span) => a.first <= b.last && b.first <= a.last;
const bytesOverlap = (a: number, aBytes: number, b: number, bBytes: number) =>
  a < b + bBytes && b < a + aBytes;
const alignUp = (bytes: number, alignment: number) => Math.ceil(bytes / alignment) * alignment;

/** Checks the plan against the graph; returns the peak of live bytes (aligned, shared bytes once). */
function checkPlan(graph: Graph, shapes: number[][], plan: MemoryPlan, label: string): number {
  const spans = lifetimes(graph);
  const { alignment } = plan;
  assert.equal(plan.entries.length, spans.size, `${label}: one entry per activation tensor`);
  const root = new Map<number, number>();
  for (const entry of plan.entries) {
    const span = spans.get(entry.tensor)!;
    assert.deepEqual(
      [entry.firstOp, entry.lastOp],
      [span.first, span.last],
      `${label}: lifetime of ${entry.tensor}`,
    );
    assert.equal(
      entry.bytes,
      4 * shapes[entry.tensor].reduce((a, b) => a * b, 1),
      `${label}: bytes of ${entry.tensor}`,
    );
    assert.equal(entry.offset % alignment, 0, `${label}: offset of ${entry.tensor} aligned`);
    assert.ok(entry.offset + entry.bytes <= plan.arenaBytes, `${label}: ${entry.tensor} inside the arena`);
    if (entry.aliasOf !== undefined) {
      // Legal in place: produced by an in-place op from an input that dies at that op.
      const op = graph.ops[entry.firstOp];
      const input = op.inputs[0];
      assert.ok(
        ['RESHAPE', 'RELU', 'RELU6', 'TANH', 'LOGISTIC'].includes(op.type),
        `${label}: ${op.type} in place`,
      );
      assert.equal(spans.get(input)!.last, entry.firstOp, `${label}: the input of an in-place op dies there`);
      assert.ok(!graph.outputs.includes(input));
      assert.equal(root.get(input) ?? input, entry.aliasOf, `${label}: alias names the owner of the bytes`);
      root.set(entry.tensor, entry.aliasOf);
    }
  }
  const ownerOf = (tensor: number) => root.get(tensor) ?? tensor;
  const areas = [
    ...plan.entries.map((e) => ({
      owner: ownerOf(e.tensor),
      offset: e.offset,
      bytes: e.bytes,
      span: spans.get(e.tensor)!,
    })),
    ...plan.scratch.map((s) => ({
      owner: -1 - s.op,
      offset: s.offset,
      bytes: s.bytes,
      span: { first: s.op, last: s.op },
    })),
  ];
  for (const s of plan.scratch) {
    assert.equal(s.offset % alignment, 0);
    assert.ok(s.offset + s.bytes <= plan.arenaBytes);
  }
  for (let i = 0; i < areas.length; i++) {
    for (let j = i + 1; j < areas.length; j++) {
      const a = areas[i];
      const b = areas[j];
      if (a.owner === b.owner || !overlap(a.span, b.span)) continue;
      assert.ok(
        !bytesOverlap(a.offset, a.bytes, b.offset, b.bytes),
        `${label}: live areas ${i} and ${j} share bytes`,
      );
    }
  }
  // Variables: disjoint, aligned, inside their region.
  const variables = [...plan.variables].sort((a, b) => a.offset - b.offset);
  variables.forEach((v, i) => {
    assert.equal(v.offset % alignment, 0);
    assert.ok(i === 0 || variables[i - 1].offset + variables[i - 1].bytes <= v.offset);
    assert.ok(v.offset + v.bytes <= plan.variableBytes);
  });
  assert.equal(variables.length, graph.tensors.filter((t) => t.variable === true).length);
  // Peak: at each op, the distinct byte areas alive, each rounded up to the alignment.
  let peak = 0;
  for (let op = -1; op < graph.ops.length; op++) {
    const live = new Map<number, number>();
    for (const area of areas) {
      if (area.span.first <= op && op <= area.span.last)
        live.set(area.owner, Math.max(live.get(area.owner) ?? 0, area.bytes));
    }
    let sum = 0;
    for (const bytes of live.values()) sum += alignUp(bytes, alignment);
    peak = Math.max(peak, sum);
  }
  return peak;
}

test(`${GRAPHS} random graphs: no two live tensors share bytes, offsets aligned, chains packed into the peak`, () => {
  let branchingAtPeak = 0;
  let branching = 0;
  let worstRatio = 1;
  for (let seed = 0; seed < GRAPHS; seed++) {
    const { graph, shapes, chain } = randomGraph(seed);
    const alignment = [4, 16, 64][seed % 3];
    const plan = planMemory(graph, shapes, { alignment });
    const peak = checkPlan(graph, shapes, plan, `graph ${seed}`);
    // Bound: the peak of live bytes with each tensor rounded up to the alignment. A chain
    // (each op reading the one before) always fits it; general DAGs need not (dynamic storage
    // allocation can exceed the peak), so for them only the share that fits is checked.
    if (chain) assert.ok(plan.arenaBytes <= peak, `chain ${seed}: arena ${plan.arenaBytes} > peak ${peak}`);
    else {
      branching++;
      if (plan.arenaBytes <= peak) branchingAtPeak++;
      worstRatio = Math.max(worstRatio, plan.arenaBytes / peak);
    }
  }
  assert.ok(
    branchingAtPeak >= 0.85 * branching,
    `only ${branchingAtPeak} of ${branching} branching graphs fit the peak`,
  );
  assert.ok(worstRatio < 1.25, `worst arena / peak ${worstRatio}`);
});
