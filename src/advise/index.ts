/** Device catalogue and advisor: which variant and runtime to deploy on which device, and why. */
export {
  DEVICES,
  DEVICE_IDS,
  type Device,
  type McuDevice,
  type ApDevice,
  type Runtime,
  type DeviceClass,
} from './devices.js';
export { advise, adviseAll, DEFAULT_HEADROOM, DEFAULT_TOLERANCE_POINTS } from './advise.js';
export { RUNTIME_LABELS } from './recommend.js';
export { formatBytes, formatEnergy, formatLatency, formatShare, formatAccuracy } from './format.js';
export type { Advice, AdviceOption, AdviseOptions, Fit, Recommendation } from './types.js';
