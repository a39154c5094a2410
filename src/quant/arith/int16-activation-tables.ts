/**
 * The int16 LOGISTIC and TANH of int16-activations.ts tabulated over every int16 input, for
 * kernels that evaluate them in their innermost loops: one load instead of the interpolation.
 * Identical by construction (each entry is the function's own result), built on first use.
 */
import { logisticInt16, tanhInt16, type TanhInt16Scaling } from './int16-activations.js';

const INT16_VALUES = 0x10000;
/** Index of input x: x + OFFSET. */
export const INT16_TABLE_OFFSET = 0x8000;

function tabulate(f: (x: number) => number): Int16Array {
  const table = new Int16Array(INT16_VALUES);
  for (let i = 0; i < INT16_VALUES; i++) table[i] = f(i - INT16_TABLE_OFFSET);
  return table;
}

let logisticTable: Int16Array | undefined;

/** logisticInt16(x) at [x + INT16_TABLE_OFFSET]. */
export function logisticInt16Table(): Int16Array {
  logisticTable ??= tabulate(logisticInt16);
  return logisticTable;
}

const tanhTables = new Map<string, Int16Array>();

/** tanhInt16(x, scaling) at [x + INT16_TABLE_OFFSET]; one table per scaling. */
export function tanhInt16Table(scaling: TanhInt16Scaling): Int16Array {
  const key = `${scaling.multiplier} ${scaling.shift}`;
  let table = tanhTables.get(key);
  if (table === undefined) {
    table = tabulate((x) => tanhInt16(x, scaling));
    tanhTables.set(key, table);
  }
  return table;
}
