/** Element types the harness can feed and read back, with their C spelling and typed array. */
export type McuDtype = 'int8' | 'uint8' | 'int16' | 'int32' | 'float32';

export type McuArray = Int8Array | Uint8Array | Int16Array | Int32Array | Float32Array;

interface DtypeInfo {
  cType: string;
  bytes: number;
  fromBytes: (bytes: Uint8Array) => McuArray;
  /** C literal that reproduces the element exactly. */
  literal: (value: number) => string;
}

const integer = (value: number): string => String(value);

/** 9 significant digits round-trip every float32; the f suffix makes the compiler round straight to float. */
const float32 = (value: number): string => `${Math.fround(value).toPrecision(9)}f`;

const copy = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;

export const DTYPES: Record<McuDtype, DtypeInfo> = {
  int8: { cType: 'int8_t', bytes: 1, fromBytes: (b) => new Int8Array(copy(b)), literal: integer },
  uint8: { cType: 'uint8_t', bytes: 1, fromBytes: (b) => new Uint8Array(copy(b)), literal: integer },
  int16: { cType: 'int16_t', bytes: 2, fromBytes: (b) => new Int16Array(copy(b)), literal: integer },
  int32: { cType: 'int32_t', bytes: 4, fromBytes: (b) => new Int32Array(copy(b)), literal: integer },
  float32: { cType: 'float', bytes: 4, fromBytes: (b) => new Float32Array(copy(b)), literal: float32 },
};

/** `{1, 2, 3}` with a line break every 16 elements, so the source stays readable. */
export function cInitializer(values: ArrayLike<number>, dtype: McuDtype): string {
  const literal = DTYPES[dtype].literal;
  const lines: string[] = [];
  for (let start = 0; start < values.length; start += 16) {
    const row: string[] = [];
    for (let i = start; i < Math.min(values.length, start + 16); i++) row.push(literal(values[i]));
    lines.push(row.join(', '));
  }
  return `{${lines.join(',\n  ')}}`;
}
