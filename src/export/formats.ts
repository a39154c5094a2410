/**
 * The export formats: how each writes a deploy graph and which independent runtime checks the
 * written file. Adding a format is adding an entry here.
 */
import type { Graph } from '../graph/types.js';
import { inferShapes } from '../graph/shapes.js';
import { planMemory } from '../graph/plan/index.js';
import { writeCLibrary } from './c/index.js';
import { verifyCLibrary } from './c/verify-on-host.js';
import { verifyOnnx, writeOnnxFile } from './onnx/index.js';
import { readTflite } from './tflite/read/read-tflite.js';
import { writeTfliteFile } from './tflite/write/write-file.js';
import { compareRunners, type Verification } from './verification.js';

export const EXPORT_FORMATS = ['tflite', 'onnx', 'c'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface WrittenExport {
  /** The file, or the folder of a C library. */
  path: string;
  bytes: number;
  arenaBytes: number;
  warnings: string[];
}

export interface FormatWriter {
  /** File extension, or '' for a folder. */
  extension: string;
  /** The input/output of an int8 export unless asked otherwise: int8 for microcontrollers. */
  int8Io: 'int8' | 'float';
  write(graph: Graph, out: string, name: string): Promise<WrittenExport>;
  /** Runs the written file on `windows` (count x input size, float) and compares with the graph. */
  verify(graph: Graph, written: WrittenExport, windows: Float32Array, count: number): Promise<Verification>;
}

export const FORMAT_WRITERS: Readonly<Record<ExportFormat, FormatWriter>> = {
  tflite: {
    extension: '.tflite',
    int8Io: 'int8',
    async write(graph, out, name) {
      const written = await writeTfliteFile(out, graph, { description: name });
      return {
        path: out,
        bytes: written.bytes.length,
        arenaBytes: written.arenaBytes,
        warnings: written.warnings,
      };
    },
    async verify(graph, written, windows, count) {
      const { readFile } = await import('node:fs/promises');
      const reread = readTflite(await readFile(written.path), written.path);
      return compareRunners(graph, reread, windows, count, 'edgeforge runtime on the re-read .tflite');
    },
  },
  onnx: {
    extension: '.onnx',
    int8Io: 'float',
    async write(graph, out) {
      const bytes = await writeOnnxFile(graph, out);
      // ONNX Runtime plans its own memory; the figure is what edgeforge's planner needs for the same graph.
      const arenaBytes = planMemory(graph, inferShapes(graph, 1)).arenaBytes;
      return { path: out, bytes, arenaBytes, warnings: [] };
    },
    async verify(graph, written, windows) {
      const result = await verifyOnnx(graph, written.path, windows);
      return { ...result, runtime: `${result.runtime} (1 thread, all graph optimizations)` };
    },
  },
  c: {
    extension: '',
    int8Io: 'int8',
    async write(graph, out, name) {
      const generated = await writeCLibrary(graph, out, {
        name,
        preprocessing: graph.metadata.preprocessing,
      });
      const bytes = Object.values(generated.files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
      return { path: out, bytes, arenaBytes: generated.arenaBytes, warnings: [] };
    },
    verify: (graph, written, windows, count) => verifyCLibrary(graph, written.path, windows, count),
  },
};
