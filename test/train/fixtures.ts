import type { WindowSet } from '../../src/data/types.js';
import { Random } from '../../src/util/random.js';

/**
 * A small learnable two-class set: class 1 windows carry a sine burst, class 0 only noise.
 * Fast to train, so trainer tests exercise real learning in well under a second.
 */
export function toyWindows(count: number, steps: number, seed: number, classes = 2): WindowSet {
  const random = new Random(seed);
  const x = new Float32Array(count * steps);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % classes;
    y[i] = label;
    for (let t = 0; t < steps; t++) {
      const signal = label === 0 ? 0 : Math.sin((2 * Math.PI * t * label) / 8);
      x[i * steps + t] = signal + random.normal(0, 0.5);
    }
  }
  return {
    x,
    count,
    steps,
    channels: 1,
    channelNames: ['value'],
    y,
    classes: Array.from({ length: classes }, (_, c) => String(c)),
    meta: {},
  };
}
