/**
 * The .tflite reader: a TensorFlow Lite flatbuffer -> the deploy graph, validated.
 *
 * A malformed file (truncated, offsets or counts outside the file, indices that point
 * nowhere) fails at the first fault with an EdgeforgeError naming the field; a well-formed
 * file using what edgeforge cannot run (operators, versions, options, tensor types, more
 * than one subgraph) fails with one EdgeforgeError listing every such use. No file-system
 * access here: see read-file.ts.
 */
import type { Graph, OpDef, TensorDef } from '../../../graph/types.js';
import { validateGraph } from '../../../graph/validate.js';
import { FlatBuffer } from '../schema/flat-buffer.js';
import { readModel, type TfliteSubGraph } from '../schema/model.js';
import { modelNotes } from './model-notes.js';
import { mapOperator } from './operators.js';
import { mapTensor } from './tensors.js';
import { UnsupportedFeatures } from './unsupported.js';

export function readTflite(bytes: Uint8Array, source?: string): Graph {
  const graph = convertTflite(bytes, source);
  validateGraph(graph, source);
  return graph;
}

/** The graph as the file describes it, without the deploy-graph validation readTflite adds. */
export function convertTflite(bytes: Uint8Array, source?: string): Graph {
  const file = new FlatBuffer(bytes, source);
  const model = readModel(file);
  const subgraph = model.subgraphs[0];
  if (subgraph === undefined) file.fail('model.subgraphs', 'the model has no subgraph');
  checkReferences(file, subgraph);
  const unsupported = new UnsupportedFeatures();
  if (model.subgraphs.length > 1) unsupported.add(`${model.subgraphs.length} subgraphs (edgeforge runs one)`);
  const tensors: (TensorDef | undefined)[] = subgraph.tensors.map((tensor, index) =>
    mapTensor(file, model.buffers, tensor, index, unsupported),
  );
  const scope = { file, codes: model.operatorCodes, tensors, unsupported };
  const ops = subgraph.operators.map((operator, index) => mapOperator(operator, index, scope));
  unsupported.throwIfAny(source);
  // With nothing unsupported recorded, every tensor and op mapped.
  return {
    tensors: tensors as TensorDef[],
    ops: ops as OpDef[],
    inputs: [...subgraph.inputs],
    outputs: [...subgraph.outputs],
    metadata: {
      task: 'other',
      classes: [],
      source: `tflite file ${source ?? '(in memory)'}`,
      notes: modelNotes(file, model),
    },
  };
}

/** Every tensor index (subgraph inputs/outputs, operator operands) names a tensor; -1 only for absent inputs. */
function checkReferences(file: FlatBuffer, subgraph: TfliteSubGraph): void {
  const count = subgraph.tensors.length;
  const check = (indices: readonly number[], place: string, optional: boolean) => {
    indices.forEach((index, position) => {
      if ((optional && index === -1) || (index >= 0 && index < count)) return;
      file.fail(
        `${place}[${position}]`,
        `tensor index ${index} does not exist (the subgraph has ${count} tensors)`,
      );
    });
  };
  check(subgraph.inputs, 'model.subgraphs[0].inputs', false);
  check(subgraph.outputs, 'model.subgraphs[0].outputs', false);
  subgraph.operators.forEach((operator, index) => {
    const place = `model.subgraphs[0].operators[${index}]`;
    check(operator.inputs, `${place}.inputs`, true);
    check(operator.outputs, `${place}.outputs`, false);
    check(operator.intermediates, `${place}.intermediates`, false);
  });
}
