import type { Worker } from 'node:worker_threads';
import { EdgeforgeError } from '../../errors.js';
import type { Param } from '../../nn/param.js';
import type { SequentialConfig } from '../../nn/sequential.js';
import type { Task } from '../presets.js';
import type { ShardJob, ShardResult, WorkerReply } from './protocol.js';
import { packedLength, packParams } from './shard-math.js';
import { spawnTrainingWorker } from './spawn-worker.js';

interface PoolMember {
  worker: Worker;
  grads: Float32Array;
  pending?: { resolve(reply: WorkerReply): void; reject(error: Error): void };
}

function workerFailed(index: number, why: string): EdgeforgeError {
  return new EdgeforgeError(`training worker ${index} failed: ${why}`, {
    place: 'train.threads',
    fix: 'Train with threads: 1 (--threads 1) and report the error if it persists',
  });
}

/**
 * The worker threads of a parallel fit. Weights and gradients travel through SharedArrayBuffers
 * laid out like packParams; the main thread writes weights after each step, each worker writes
 * its own gradients.
 */
export class GradientPool {
  private failure: EdgeforgeError | undefined;

  private constructor(
    private readonly members: PoolMember[],
    private readonly sharedWeights: Float32Array,
  ) {}

  /** Starts `count` workers holding replicas of the model; resolves once all are ready. */
  static async start(
    config: SequentialConfig,
    weights: Record<string, Float32Array>,
    params: Param[],
    task: Task,
    count: number,
  ): Promise<GradientPool> {
    const floats = packedLength(params);
    const sharedWeights = new Float32Array(new SharedArrayBuffer(floats * 4));
    packParams(params, 'value', sharedWeights);
    const members = Array.from({ length: count }, () => ({
      worker: spawnTrainingWorker(),
      grads: new Float32Array(new SharedArrayBuffer(floats * 4)),
    }));
    const pool = new GradientPool(members, sharedWeights);
    members.forEach((member, index) => pool.watch(member, index + 1));
    try {
      await Promise.all(
        members.map((member) => {
          const ready = pool.reply(member);
          member.worker.postMessage({
            config,
            weights,
            task,
            sharedWeights: sharedWeights.buffer,
            sharedGrads: member.grads.buffer,
          });
          return ready;
        }),
      );
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.members.length;
  }

  /** Sends shard jobs to the workers (one each, in order) and waits for all their results. */
  async run(jobs: ShardJob[]): Promise<ShardResult[]> {
    const replies = jobs.map((job, index) => {
      const member = this.members[index];
      const reply = this.reply(member);
      member.worker.postMessage(job);
      return reply;
    });
    const results: ShardResult[] = [];
    for (const reply of await Promise.all(replies)) {
      if (reply.type !== 'done') throw workerFailed(results.length + 1, `unexpected reply ${reply.type}`);
      results.push({ lossSum: reply.lossSum, correct: reply.correct });
    }
    return results;
  }

  /** Adds worker `index`'s gradients into the params' grads (call in a fixed order). */
  addGradients(index: number, params: Param[]): void {
    const grads = this.members[index].grads;
    let offset = 0;
    for (const param of params) {
      const grad = param.grad;
      for (let i = 0; i < grad.length; i++) grad[i] += grads[offset + i];
      offset += grad.length;
    }
  }

  /** Publishes the params' new values for the next batch. */
  publishWeights(params: Param[]): void {
    packParams(params, 'value', this.sharedWeights);
  }

  async close(): Promise<void> {
    await Promise.all(this.members.map((member) => member.worker.terminate()));
  }

  private reply(member: PoolMember): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (member.pending = { resolve, reject }));
  }

  private watch(member: PoolMember, index: number): void {
    const fail = (why: string): void => {
      this.failure ??= workerFailed(index, why);
      member.pending?.reject(this.failure);
      member.pending = undefined;
    };
    member.worker.on('message', (reply: WorkerReply) => {
      const pending = member.pending;
      member.pending = undefined;
      pending?.resolve(reply);
    });
    member.worker.on('error', (error) => fail(error.message));
    member.worker.on('exit', (code) => fail(`the thread exited (code ${code})`));
  }
}
