import type { Command } from 'commander';
import { DTYPE_BYTES } from '../../graph/dtypes.js';
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
import { openModelFile, type ModelFileFormat } from '../../pipeline/open-model.js';
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
  /** 'model': a model.json lowered on the fly; 'graph': a saved .efg; 'tflite': a .tflite file. */
  format: ModelFileFormat;
  metadata: GraphMetadata;
  batch: number;
  ops: OpSummary[];
  tensors: TensorSummary[];
  stats: Omit<GraphStats, 'ops'>;
  memory: { arenaBytes: number; variableBytes: number; alignment: number };
  /** With --plan: where each tensor lives in the arena, and kernel scratch and state. */
  plan?: Pick<MemoryPlan, 'entries' | 'scratch' | 'variables'>;
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
  format: ModelFileFormat,
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
      const { graph, format } = await openModelFile(file);
      const report = inspectGraph(graph, file, format, flags.batch, Boolean(flags.plan));
      printResult(io, Boolean(flags.json), report, () => formatInspectReport(report));
    });
}
