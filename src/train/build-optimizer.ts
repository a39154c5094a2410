import type { OptimizerSection, ScheduleSection } from '../config/train-schema.js';
import { createAdam, createAdamW } from './optimizers/adam.js';
import type { Optimizer } from './optimizers/optimizer.js';
import { createSgd } from './optimizers/sgd.js';
import {
  constantLr,
  cosineDecay,
  ReduceOnPlateau,
  stepDecay,
  type LearningRateSchedule,
} from './schedules.js';

/** The optimizer the config names, with the preset's learning rate unless the config sets one. */
export function buildOptimizer(section: OptimizerSection): Optimizer {
  const common = {
    learningRate: section.learningRate,
    ...(section.weightDecay !== undefined && { weightDecay: section.weightDecay }),
    ...(section.clipNorm !== undefined && { clipGlobalNorm: section.clipNorm }),
    ...(section.clipValue !== undefined && { clipValue: section.clipValue }),
  };
  switch (section.type) {
    case 'adam':
      return createAdam(common);
    case 'adamw':
      return createAdamW(common);
    case 'sgd':
      return createSgd({ ...common, momentum: section.momentum ?? 0, nesterov: section.nesterov ?? false });
  }
}

export function buildSchedule(
  section: ScheduleSection,
  learningRate: number,
  epochs: number,
): LearningRateSchedule {
  switch (section.type) {
    case 'constant':
      return constantLr(learningRate);
    case 'step':
      return stepDecay({ initialLr: learningRate, stepEpochs: section.everyEpochs, gamma: section.gamma });
    case 'cosine':
      return cosineDecay({
        initialLr: learningRate,
        totalEpochs: epochs,
        alpha: section.alpha,
        warmupEpochs: section.warmupEpochs,
      });
    case 'plateau':
      return new ReduceOnPlateau({
        initialLr: learningRate,
        factor: section.factor,
        patience: section.patience,
        minDelta: section.minDelta,
        cooldown: section.cooldown,
        minLr: section.minLr,
      });
  }
}
