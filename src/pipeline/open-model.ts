/**
 * Opens any model file a command accepts, told apart by content: a trained model.json
 * (lowered to a deploy graph now), a saved .efg deploy graph, or a .tflite flatbuffer.
 */
import { readFile } from 'node:fs/promises';
import { EdgeforgeError } from '../errors.js';
import { readTflite } from '../export/tflite/read/read-tflite.js';
import { TFLITE_FILE_IDENTIFIER } from '../export/tflite/schema/model.js';
import { decodeGraph, GRAPH_MAGIC } from '../graph/format.js';
import { lowerModel } from '../graph/lower/index.js';
import type { Graph } from '../graph/types.js';
import { loadModel, type TrainedModel } from '../train/model-file.js';

export type ModelFileFormat = 'model' | 'graph' | 'tflite';

export interface OpenedModel {
  graph: Graph;
  format: ModelFileFormat;
  /** The trained model, when the file is a model.json. */
  trained?: TrainedModel;
}

async function readModelBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const folder = (error as NodeJS.ErrnoException).code === 'EISDIR';
    throw new EdgeforgeError(
      folder ? 'is a folder, not a model file' : 'model file not found or not readable',
      {
        file,
        fix: 'Pass the model.json or model.efg that edgeforge train wrote, or a .tflite file',
      },
    );
  }
}

function startsWithJson(bytes: Uint8Array): boolean {
  // The decoder drops a byte-order mark.
  return new TextDecoder().decode(bytes.subarray(0, 64)).trimStart().startsWith('{');
}

function isTflite(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.subarray(4, 8)) === TFLITE_FILE_IDENTIFIER;
}

export async function openModelFile(file: string): Promise<OpenedModel> {
  const bytes = await readModelBytes(file);
  if (GRAPH_MAGIC.every((byte, i) => bytes[i] === byte))
    return { graph: decodeGraph(bytes, file), format: 'graph' };
  if (isTflite(bytes)) return { graph: readTflite(bytes, file), format: 'tflite' };
  if (!startsWithJson(bytes)) {
    throw new EdgeforgeError(
      'is neither an edgeforge model (model.json), a deploy graph (.efg) nor a .tflite file',
      {
        file,
        fix: 'Pass the model.json or model.efg that edgeforge train wrote, or a .tflite file',
      },
    );
  }
  const trained = await loadModel(file);
  return { graph: lowerModel(trained, file), format: 'model', trained };
}
