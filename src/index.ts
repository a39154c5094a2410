/** edgeforge's library API: each pipeline stage, usable without the CLI. */
export * from './data/index.js';
export { configSchema, type PipelineConfig } from './config/schema.js';
export { loadConfig, validateConfig } from './config/load.js';
export { trainSectionSchema, type TrainSection } from './config/train-schema.js';
export { Sequential, createLayer, type LayerSpec } from './nn/index.js';
export { trainModel, type TrainRunOptions } from './train/train-model.js';
export { fit, TrainingInterrupted, type FitOptions, type FitResult, type FitCallbacks } from './train/fit.js';
export { evaluate, type Evaluation } from './train/evaluate.js';
export { saveModel, loadModel, instantiate, type TrainedModel } from './train/model-file.js';
export { PRESET_NAMES, presetSettings, type PresetName, type Task } from './train/presets.js';
export { runPipeline, type PipelineResult } from './pipeline/run.js';
export { EdgeforgeError, UsageError } from './errors.js';
