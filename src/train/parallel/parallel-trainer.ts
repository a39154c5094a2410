import type { Param } from '../../nn/param.js';
import type { Sequential } from '../../nn/sequential.js';
import type { Batch } from '../batcher.js';
import type { Task } from '../presets.js';
import { taskIo, type TaskIo } from '../task-io.js';
import { GradientPool } from './gradient-pool.js';
import type { ShardJob, ShardResult } from './protocol.js';
import { shardGradients } from './shard-math.js';
import { shardSeed, shardSizes } from './threads.js';

/**
 * Data-parallel gradients: each mini-batch is cut into `threads` contiguous shards; the main
 * thread computes shard 0 on the model itself while workers compute the others, then the
 * workers' gradients are added in shard order, so a given thread count is deterministic.
 */
export class ParallelTrainer {
  private readonly params: Param[];
  private readonly io: TaskIo;

  private constructor(
    private readonly model: Sequential,
    private readonly task: Task,
    private readonly seed: number,
    private readonly pool: GradientPool,
  ) {
    this.params = model.params();
    this.io = taskIo(task);
  }

  /** Starts threads - 1 workers beside the main thread. */
  static async start(model: Sequential, task: Task, threads: number, seed: number): Promise<ParallelTrainer> {
    const pool = await GradientPool.start(
      model.config(),
      model.getWeights(),
      model.params(),
      task,
      threads - 1,
    );
    return new ParallelTrainer(model, task, seed, pool);
  }

  /** Leaves the whole batch's gradient in the model's params; returns the batch's loss sum and correct count. */
  async gradients(batch: Batch, epoch: number, batchIndex: number): Promise<ShardResult> {
    const sizes = shardSizes(batch.size, this.pool.size + 1).filter((size) => size > 0);
    const jobs = sizes.map((size, shard) => {
      const start = sizes.slice(0, shard).reduce((sum, s) => sum + s, 0);
      return this.shardJob(batch, start, size, shardSeed(this.seed, epoch, batchIndex, shard));
    });
    const others = this.pool.run(jobs.slice(1));
    const own = shardGradients(this.model, this.params, this.io, this.task, jobs[0]);
    const results = await others;
    results.forEach((_, index) => this.pool.addGradients(index, this.params));
    return results.reduce(
      (sum, result) => ({ lossSum: sum.lossSum + result.lossSum, correct: sum.correct + result.correct }),
      own,
    );
  }

  /** Call after each optimizer step: the workers read these weights for the next batch. */
  publishWeights(): void {
    this.pool.publishWeights(this.params);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** Copies of one contiguous shard's inputs (a view would send the whole batch buffer). */
  private shardJob(batch: Batch, start: number, size: number, seed: number): ShardJob {
    const cut = <T extends Float32Array | Int32Array>(values: T): T => {
      const perSample = values.length / batch.size;
      return values.slice(start * perSample, (start + size) * perSample) as T;
    };
    return {
      x: cut(batch.x),
      targets: cut(batch.targets),
      labels: cut(batch.labels),
      weights: batch.weights && cut(batch.weights),
      size,
      batchSize: batch.size,
      seed,
    };
  }
}
