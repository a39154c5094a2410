/**
 * The compress stage: builds each configured variant of a trained model, scores it on the
 * test split in the edgeforge runtime, measures what it costs (weight bytes, arena, MACs,
 * latency), and writes `<out>/<variant>.efg` (+ `.model.json` for retrained variants) and
 * `<out>/compress.json`.
 */
import { join } from 'node:path';
import type { CompressSection } from '../config/compress-schema.js';
import { EdgeforgeError } from '../errors.js';
import { encodeGraph } from '../graph/format.js';
import { lowerModel } from '../graph/lower/index.js';
import { planMemory } from '../graph/plan/index.js';
import { inferShapes } from '../graph/shapes.js';
import { graphStats } from '../graph/stats.js';
import type { Graph } from '../graph/types.js';
import { sizeAccounting, type LayerPruning, type SizeAccounting } from '../prune/index.js';
import { deployTargets, type TargetSupport } from '../quant/targets.js';
import { saveModel, type TrainedModel } from '../train/model-file.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { evaluateGraph, type GraphEvaluation } from './evaluate-graph.js';
import { medianLatencies } from './latency.js';
import { compressReport, type CompressReport } from './report.js';
import type { ModelData } from './load-data.js';
import type { VariantName } from './variant-names.js';
import { VARIANT_BUILDERS, type BuiltVariant, type VariantKind } from './variants.js';

export interface CompressOptions {
  /** The compress section of the config (variants, calibration, ...), defaults filled in. */
  settings: CompressSection;
  /** Folder the variants and compress.json are written to. */
  out: string;
  /** The model's file, recorded in compress.json and in errors. */
  modelFile?: string;
  signal?: AbortSignal;
  /** Called as each variant starts building, and once with 'latency' before timing them all. */
  onStep?: (step: VariantName | 'latency', done: number, total: number) => void;
}

export interface GraphCost {
  weightBytes: number;
  /** Activations and kernel scratch at batch 1 (recurrent state apart, in stateBytes). */
  arenaBytes: number;
  stateBytes: number;
  macs: number;
  /** Dense, sparse-format and deflated bytes of the constants: what unstructured zeros could save. */
  sizes: SizeAccounting;
}

export interface CompressVariant extends GraphCost {
  name: VariantName;
  kind: VariantKind;
  graph: Graph;
  model?: TrainedModel;
  pruning?: LayerPruning[];
  evaluation: GraphEvaluation;
  /** Accuracy minus the float model's, in percentage points. */
  deltaPoints: number;
  /** weightBytes / the float graph's. */
  weightRatio: number;
  /** Median single-window runtime latency in this process. */
  latencyMs: number;
  /** Where the graph can be deployed, and why not where it cannot. */
  targets: TargetSupport[];
  files: { graph: string; model?: string };
}

export interface CompressResult {
  out: string;
  /** compress.json */
  summary: string;
  /** The float model on the test split: the reference every delta is taken against. */
  reference: GraphEvaluation & { weightBytes: number };
  variants: CompressVariant[];
  /** What compress.json holds (and `compress --json` prints). */
  report: CompressReport;
}

export function graphCost(graph: Graph): GraphCost {
  const stats = graphStats(graph);
  const plan = planMemory(graph, inferShapes(graph, 1));
  return {
    weightBytes: stats.weightBytes,
    arenaBytes: plan.arenaBytes,
    stateBytes: plan.variableBytes,
    macs: stats.macs,
    sizes: sizeAccounting(graph),
  };
}

function checkInterrupted(signal: AbortSignal | undefined, out: string): void {
  if (signal?.aborted) throw new EdgeforgeError('interrupted: compress.json not written', { file: out });
}

export async function compressModel(
  model: TrainedModel,
  data: ModelData,
  options: CompressOptions,
): Promise<CompressResult> {
  const { out, signal, onStep, settings } = options;
  const floatGraph = lowerModel(model, options.modelFile);
  const referenceEvaluation = evaluateGraph(floatGraph, data.test, model);
  const reference = { ...referenceEvaluation, weightBytes: graphStats(floatGraph).weightBytes };
  const total = settings.variants.length + 1;
  const built: Omit<CompressVariant, 'latencyMs'>[] = [];
  for (const [index, name] of settings.variants.entries()) {
    checkInterrupted(signal, out);
    onStep?.(name, index, total);
    const variant: BuiltVariant = await VARIANT_BUILDERS[name]({ model, floatGraph, data, settings, signal });
    const evaluation = evaluateGraph(variant.graph, data.test, model);
    const cost = graphCost(variant.graph);
    const files = {
      graph: join(out, `${name}.efg`),
      ...(variant.model && { model: join(out, `${name}.model.json`) }),
    };
    await writeFileAtomic(files.graph, encodeGraph(variant.graph));
    if (variant.model && files.model) await saveModel(files.model, variant.model);
    built.push({
      name,
      ...variant,
      evaluation,
      ...cost,
      deltaPoints: 100 * (evaluation.accuracy - reference.accuracy),
      weightRatio: cost.weightBytes / reference.weightBytes,
      targets: deployTargets(variant.graph),
      files,
    });
  }
  checkInterrupted(signal, out);
  onStep?.('latency', settings.variants.length, total);
  const latencies = medianLatencies(
    built.map((variant) => variant.graph),
    data.test.x.subarray(0, data.test.steps * data.test.channels),
    settings.latencyRuns,
  );
  const variants = built.map((variant, i) => ({ ...variant, latencyMs: latencies[i]! }));
  const summary = join(out, 'compress.json');
  const report = compressReport({ modelFile: options.modelFile, settings, data, reference, variants });
  await writeFileAtomic(summary, `${JSON.stringify(report, null, 2)}\n`);
  return { out, summary, reference, variants, report };
}
