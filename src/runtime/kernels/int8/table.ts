/** Running an int8 op tabulated at construction (see the table builders in src/quant/params.ts). */

/** out[i] = table[x[i]], the table indexed by the value's unsigned byte; safe in place. */
export function lookUp(table: Int8Array, x: Int8Array, out: Int8Array): void {
  for (let i = 0; i < out.length; i++) out[i] = table[x[i] & 0xff];
}
