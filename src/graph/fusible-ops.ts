/**
 * Operators that can apply an activation to their own output (TFLite's fused_activation_function),
 * shared by lowering, which fuses a Keras activation into its layer's op, and int8
 * quantization, which folds a standalone RELU / RELU6 into its producer.
 */
import type { OpType } from './types.js';

export const FUSIBLE_OPS: ReadonlySet<OpType> = new Set<OpType>([
  'FULLY_CONNECTED',
  'CONV_2D',
  'DEPTHWISE_CONV_2D',
  'MAX_POOL_2D',
  'AVERAGE_POOL_2D',
  'ADD',
  'SUB',
  'MUL',
]);
