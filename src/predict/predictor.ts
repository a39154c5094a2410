/**
 * Raw windows in, the model's verdict out: scales each window with the model's own scaler,
 * runs the edgeforge runtime over a batch of them, and reads the outputs as the task means
 * them (class probabilities, or an autoencoder's reconstruction error and anomaly flag).
 */
import { Interpreter, scaleWindow } from '../runtime/index.js';
import { argmaxRows, binaryClasses } from '../train/losses/predictions.js';
import { isAnomalous } from '../train/metrics/anomaly.js';
import type { PredictionModel } from './model-source.js';

export class Predictor {
  /** Values per window: steps * channels. */
  readonly sampleSize: number;
  private readonly interpreter: Interpreter;
  /** The scaled windows, kept because the runtime's arena may reuse its input region. */
  private readonly scaled: Float32Array;
  private readonly slots: Float32Array[];
  private readonly input: Float32Array;
  private readonly output: Float32Array;
  private readonly outputSize: number;
  /** Per slot after run(): the predicted class id, or 1 for an anomalous window. */
  private verdicts: Int32Array = new Int32Array(0);

  constructor(
    readonly model: PredictionModel,
    /** Windows per run. */
    readonly batch = 1,
  ) {
    const { steps, channels } = model.pre;
    this.sampleSize = steps * channels;
    this.interpreter = new Interpreter(model.graph, { batch, source: model.file });
    this.input = this.interpreter.input(0);
    this.output = this.interpreter.output(0);
    this.outputSize = this.output.length / batch;
    this.scaled = new Float32Array(batch * this.sampleSize);
    this.slots = Array.from({ length: batch }, (_, slot) =>
      this.scaled.subarray(slot * this.sampleSize, (slot + 1) * this.sampleSize),
    );
  }

  /** Puts one raw window (steps x channels, reading-major) into batch position `slot`. */
  load(slot: number, raw: Float32Array): void {
    scaleWindow(this.model.pre, raw, this.slots[slot]);
  }

  /** Runs the network over every slot (recurrent state starts from zero: windows are independent). */
  run(): void {
    this.input.set(this.scaled);
    this.interpreter.invoke();
    this.verdicts = this.judge();
  }

  private judge(): Int32Array {
    switch (this.model.task) {
      case 'binary':
        return binaryClasses(this.output);
      case 'multiclass':
        return argmaxRows(this.output, this.outputSize);
      case 'autoencoder': {
        // loadPredictionModel refuses an autoencoder without its threshold.
        const threshold = this.model.anomaly!.threshold;
        return Int32Array.from({ length: this.batch }, (_, slot) =>
          isAnomalous(this.reconstructionError(slot), threshold) ? 1 : 0,
        );
      }
    }
  }

  /** Classifiers: the probability of class `classId` for the window in `slot`. */
  probability(slot: number, classId: number): number {
    if (this.model.task === 'binary') {
      const positive = this.output[slot];
      return classId === 1 ? positive : 1 - positive;
    }
    return this.output[slot * this.outputSize + classId];
  }

  /** Classifiers: the predicted class id; autoencoders: 1 when the window is anomalous. */
  predicted(slot: number): number {
    return this.verdicts[slot];
  }

  /** Autoencoders: the mean squared difference between the scaled window and its reconstruction. */
  reconstructionError(slot: number): number {
    const window = this.slots[slot];
    const from = slot * this.outputSize;
    let sum = 0;
    for (let k = 0; k < this.sampleSize; k++) sum += (this.output[from + k] - window[k]) ** 2;
    return sum / this.sampleSize;
  }
}
