/**
 * edgeforge/runtime: run a deploy graph (.efg) anywhere JavaScript runs. Imports nothing from
 * training, data loading or the CLI, and nothing Node-only, so it bundles for browsers.
 *
 *   const graph = decodeGraph(bytes);
 *   const interpreter = new Interpreter(graph, { batch: 1 });
 *   scaleWindow(graph.metadata.preprocessing!, rawWindow, interpreter.input());
 *   interpreter.invoke();
 *   const probabilities = interpreter.output();
 */
export { Interpreter, type InterpreterOptions } from './interpreter.js';
export { scaleWindow } from './preprocess.js';
export { decodeGraph } from '../graph/format.js';
export type { MemoryPlan, PlanEntry, ScratchEntry, VariableEntry } from '../graph/plan/index.js';
export type { DType, Graph, GraphMetadata, OpDef, OpType, Preprocessing, TensorDef } from '../graph/types.js';
