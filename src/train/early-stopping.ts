import type { EarlyStoppingSection } from '../config/train-schema.js';

export interface EarlyStoppingState {
  best: number | null;
  bestEpoch: number;
  wait: number;
}

/**
 * Keras EarlyStopping: stop after `patience` epochs without an improvement larger than
 * minDelta in the monitored value (val_loss: lower is better; val_accuracy: higher).
 */
export class EarlyStopping {
  private state: EarlyStoppingState = { best: null, bestEpoch: 0, wait: 0 };

  constructor(private readonly settings: EarlyStoppingSection) {}

  get monitor(): EarlyStoppingSection['monitor'] {
    return this.settings.monitor;
  }

  /** Records an epoch's value; returns whether it is the best so far. */
  update(epoch: number, value: number): boolean {
    const sign = this.settings.monitor === 'val_loss' ? 1 : -1;
    const { best } = this.state;
    if (best === null || sign * (best - value) > this.settings.minDelta) {
      this.state = { best: value, bestEpoch: epoch, wait: 0 };
      return true;
    }
    this.state = { ...this.state, wait: this.state.wait + 1 };
    return false;
  }

  get shouldStop(): boolean {
    return this.state.wait >= this.settings.patience && this.state.best !== null && this.state.wait > 0;
  }

  get bestEpoch(): number {
    return this.state.bestEpoch;
  }

  snapshot(): EarlyStoppingState {
    return { ...this.state };
  }

  restore(state: EarlyStoppingState): void {
    this.state = { ...state };
  }
}
