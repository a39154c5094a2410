import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { EdgeforgeError } from '../../errors.js';
import { DTYPE_BYTES } from '../../graph/dtypes.js';
import { decodeGraph, GRAPH_MAGIC } from '../../graph/format.js';
import { lowerModel } from '../../graph/lower/index.js';
import { planMemory, type MemoryPlan } from '../../graph/plan/index.js';
import { elementCount, inferShapes } from '../../graph/shapes.js';
import { graphStats, type GraphStats } from '../../graph/stats.js';
import type {
  DType,
  FusedActivation,
  Graph,
  GraphMetadata,
  OpType,
  Quantization,
} from '../../graph/types.js';
import { loadModel } from '../../train/model-file.js';
import { formatInspectReport } from '../format/inspect.js';
import { printResult, type CliIo } from '../io.js';
import { integer } from '../options.js';

interface InspectFlags {
  plan?: boolean;
  batch: number;
  json?: boolean;
}

export interface TensorRef {
  tensor: number;
  name: string;
  shape: number[];
}

export interface OpSummary {
  index: number;
  type: OpType;
  /** Activation inputs (not constants or state). */
  inputs: TensorRef[];
  outputs: TensorRef[];
  constants: number;
  state: number;
  activation?: FusedActivation;
  macs: number;
}

export type TensorKind = 'input' | 'output' | 'activation' | 'constant' | 'variable';

export interface TensorSummary {
  index: number;
  name: string;
  shape: number[];
  dtype: DType;
  quantization?: Quantization;
  kind: TensorKind;
  bytes: number;
}

export interface InspectReport {
  file: string;
  /** 'model': a model.json lowered on the fly; 'graph': a saved .efg. */
  format: 'model' | 'graph';
  metadata: GraphMetadata;
  batch: number;
  ops: OpSummary[];
  tensors: TensorSummary[];
  stats: Omit<GraphStats, 'ops'>;
  memory: { arenaBytes: number; variableBytes: number; alignment: number };
  /** With --plan: where each tensor lives in the arena, and kernel scratch and state. */
  plan?: Pick<MemoryPlan, 'entries' | 'scratch' | 'variables'>;
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const folder = (error as NodeJS.ErrnoException).code === 'EISDIR';
    throw new EdgeforgeError(
      folder ? 'is a folder, not a model file' : 'model file not found or not readable',
      {
        file,
        fix: 'Pass the model.json or model.efg that edgeforge train wrote',
      },
    );
  }
}

/** model.json (lowered now) or a .efg graph, told apart by the graph magic bytes. */
export async function loadGraphFile(file: string): Promise<{ graph: Graph; format: 'model' | 'graph' }> {
  const bytes = await readBytes(file);
  if (GRAPH_MAGIC.every((byte, i) => bytes[i] === byte))
    return { graph: decodeGraph(bytes, file), format: 'graph' };
  if (!new TextDecoder().decode(bytes.subarray(0, 64)).trimStart().startsWith('{')) {
    throw new EdgeforgeError('is neither an edgeforge model (model.json) nor a graph (.efg)', {
      file,
      fix: 'Pass the model.json or model.efg that edgeforge train wrote',
    });
  }
  return { graph: lowerModel(await loadModel(file), file), format: 'model' };
}

function tensorKind(graph: Graph, index: number): TensorKind {
  const tensor = graph.tensors[index]!;
  if (tensor.data !== undefined) return 'constant';
  if (tensor.variable === true) return 'variable';
  if (graph.inputs.includes(index)) return 'input';
  return graph.outputs.includes(index) ? 'output' : 'activation';
}

export function inspectGraph(
  graph: Graph,
  file: string,
  format: 'model' | 'graph',
  batch: number,
  withPlan: boolean,
): InspectReport {
  const shapes = inferShapes(graph, batch, file);
  const memory = planMemory(graph, shapes);
  const { ops: costs, ...stats } = graphStats(graph);
  const ref = (tensor: number): TensorRef => ({
    tensor,
    name: graph.tensors[tensor]!.name,
    shape: shapes[tensor]!,
  });
  const ops = graph.ops.map((op, index): OpSummary => {
    const present = op.inputs.filter((tensor) => tensor !== -1);
    const kinds = present.map((tensor) => tensorKind(graph, tensor));
    const options: object = op.options;
    return {
      index,
      type: op.type,
      inputs: present.filter((_, i) => kinds[i] !== 'constant' && kinds[i] !== 'variable').map(ref),
      outputs: op.outputs.map(ref),
      constants: kinds.filter((kind) => kind === 'constant').length,
      state: kinds.filter((kind) => kind === 'variable').length,
      ...('fusedActivation' in options && {
        activation: (options as { fusedActivation: FusedActivation }).fusedActivation,
      }),
      macs: costs[index]!.macs,
    };
  });
  const tensors = graph.tensors.map((tensor, index): TensorSummary => ({
    index,
    name: tensor.name,
    shape: shapes[index]!,
    dtype: tensor.dtype,
    ...(tensor.quantization && { quantization: tensor.quantization }),
    kind: tensorKind(graph, index),
    bytes: elementCount(shapes[index]!) * DTYPE_BYTES[tensor.dtype],
  }));
  return {
    file,
    format,
    metadata: graph.metadata,
    batch,
    ops,
    tensors,
    stats,
    memory: {
      arenaBytes: memory.arenaBytes,
      variableBytes: memory.variableBytes,
      alignment: memory.alignment,
    },
    ...(withPlan && {
      plan: { entries: memory.entries, scratch: memory.scratch, variables: memory.variables },
    }),
  };
}

export function registerInspect(program: Command, io: CliIo): void {
  program
    .command('inspect')
    .description(
      "show a model's deploy graph: ops, tensors, parameters, MACs, weight bytes and the memory plan",
    )
    .argument('<model>', 'model.json (lowered on the fly) or a .efg graph')
    .option('--plan', 'also print where each tensor lives in the arena (offset, bytes, lifetime)')
    .option('--batch <n>', 'shapes and memory for this batch size', integer(1), 1)
    .option('--json', 'print the report as JSON')
    .action(async (file: string, flags: InspectFlags) => {
      const { graph, format } = await loadGraphFile(file);
      const report = inspectGraph(graph, file, format, flags.batch, Boolean(flags.plan));
      printResult(io, Boolean(flags.json), report, () => formatInspectReport(report));
    });
}
