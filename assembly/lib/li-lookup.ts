// AssemblyScript: eight int16 table lookups, the int8 LSTM's logistic and tanh (tables of every
// int16 input, written by src/runtime/wasm/lstm-int8.ts). The indices are read back from memory
// and the entries gathered in 64-bit integers: scalar loads and shifts, where lane extracts and
// inserts would all queue on the one vector shuffle unit.

/** table[value] zero-extended; `table` points at the entry of input 0. */
// @ts-ignore: decorator
@inline
function entry(table: usize, at: usize): u64 {
  return <u64>load<u16>(table + (<usize>(<i32>load<i16>(at)) << 1));
}

/** Four entries for the four int16 indices at `at`, packed as four int16 lanes. */
// @ts-ignore: decorator
@inline
function fourEntries(table: usize, at: usize): u64 {
  return entry(table, at) | (entry(table, at + 2) << 16) | (entry(table, at + 4) << 32) | (entry(table, at + 6) << 48);
}

/** table[v] for each int16 lane of v, through 16 bytes of scratch. */
// @ts-ignore: decorator
@inline
export function lookUp(table: usize, v: v128, scratch: usize): v128 {
  v128.store(scratch, v);
  return i64x2.replace_lane(i64x2.splat(<i64>fourEntries(table, scratch)), 1, <i64>fourEntries(table, scratch + 8));
}
