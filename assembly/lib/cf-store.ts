// AssemblyScript: stores for the float convolution kernels' output vectors, where the last
// block of output channels may be partial.

import { STAGING } from './cf-header';

/** The first `lanes` float32 lanes of v at o (the whole vector from 4 on). */
export function storeLanes(h: usize, o: usize, v: v128, lanes: i32): void {
  if (lanes >= 4) {
    v128.store(o, v);
    return;
  }
  v128.store(h + STAGING, v);
  for (let lane = 0; lane < lanes; lane++) {
    store<f32>(o + ((<usize>lane) << 2), load<f32>(h + STAGING + ((<usize>lane) << 2)));
  }
}
