/** What one finished epoch did, as the progress bar, callbacks, checkpoints and reports see it. */
export interface EpochRecord {
  /** 1-based. */
  epoch: number;
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
  learningRate: number;
  seconds: number;
  /** Training windows seen in the epoch. */
  samples: number;
}
