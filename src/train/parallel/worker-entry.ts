/**
 * A training worker: holds a replica of the model, and for each shard it is sent, loads the
 * current weights from shared memory, computes the shard's gradients into its shared gradient
 * buffer and replies with the shard's loss.
 */
import { parentPort } from 'node:worker_threads';
import { Sequential } from '../../nn/sequential.js';
import { taskIo } from '../task-io.js';
import type { ShardJob, WorkerInit, WorkerReply } from './protocol.js';
import { packParams, shardGradients, unpackValues } from './shard-math.js';

const port = parentPort;
if (!port) throw new Error('worker-entry runs only as a worker thread');

port.once('message', (init: WorkerInit) => {
  const model = new Sequential(init.config.layers).build(init.config.inputShape, 0);
  model.setWeights(init.weights);
  const params = model.params();
  const io = taskIo(init.task);
  const weights = new Float32Array(init.sharedWeights);
  const grads = new Float32Array(init.sharedGrads);
  port.on('message', (job: ShardJob) => {
    unpackValues(params, weights);
    const result = shardGradients(model, params, io, init.task, job);
    packParams(params, 'grad', grads);
    port.postMessage({ type: 'done', ...result } satisfies WorkerReply);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
});
