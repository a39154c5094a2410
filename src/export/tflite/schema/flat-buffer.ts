/**
 * Bounds-checked reading of a FlatBuffer (the binary layout of .tflite files).
 *
 * The flatbuffers runtime reads whatever offset it is given, so every position here is
 * checked against the file before use: a table's vtable and inline size, each field's
 * bytes, each offset's target, each vector's length times its element size. Counts are
 * therefore capped by the file size, and a decode budget proportional to the file size
 * stops files whose tables all point at the same large vector from multiplying the work.
 * Any violation is an EdgeforgeError naming the file and the path of the broken field.
 *
 * Layout facts used (FlatBuffers binary format): a table starts with an int32 distance back
 * to its vtable; the vtable holds uint16 vtable size, uint16 table size, then one uint16
 * offset per field id (0 = absent, default applies); references are uint32 offsets forward
 * from where they are stored; vectors and strings are a uint32 count followed by elements.
 */
import { ByteBuffer } from 'flatbuffers';
import { EdgeforgeError } from '../../../errors.js';

const MALFORMED_FIX = 'The file is damaged or not a TensorFlow Lite model: export or download it again';
/** Decoded elements allowed per file byte (each legitimate element occupies at least one byte). */
const BUDGET_PER_BYTE = 4;
const BUDGET_BASE = 1 << 16;

export class FlatBuffer {
  readonly length: number;
  private readonly buffer: ByteBuffer;
  private budget: number;
  private readonly text = new TextDecoder('utf-8');

  constructor(
    readonly bytes: Uint8Array,
    readonly source: string | undefined,
  ) {
    this.length = bytes.length;
    this.buffer = new ByteBuffer(bytes);
    this.budget = BUDGET_PER_BYTE * bytes.length + BUDGET_BASE;
  }

  fail(place: string, problem: string): never {
    throw new EdgeforgeError(`malformed TFLite file: ${problem}`, {
      file: this.source,
      place,
      fix: MALFORMED_FIX,
    });
  }

  /** Checks `size` bytes at `offset` lie inside the file. */
  need(offset: number, size: number, place: string, what: string): void {
    if (!(offset >= 0 && size >= 0 && offset + size <= this.length)) {
      this.fail(place, `${what} (${size} bytes at ${offset}) lies outside the file's ${this.length} bytes`);
    }
  }

  /** Counts decoded elements against the budget; a file may not expand beyond a few times its size. */
  charge(count: number, place: string): void {
    this.budget -= count;
    if (this.budget < 0) this.fail(place, 'the tables reference far more data than the file holds');
  }

  uint8(offset: number, place: string): number {
    this.need(offset, 1, place, 'a byte');
    return this.buffer.readUint8(offset);
  }

  int8(offset: number, place: string): number {
    this.need(offset, 1, place, 'a byte');
    return this.buffer.readInt8(offset);
  }

  uint16(offset: number, place: string): number {
    this.need(offset, 2, place, 'a 16-bit value');
    return this.buffer.readUint16(offset);
  }

  int32(offset: number, place: string): number {
    this.need(offset, 4, place, 'a 32-bit value');
    return this.buffer.readInt32(offset);
  }

  uint32(offset: number, place: string): number {
    this.need(offset, 4, place, 'a 32-bit value');
    return this.buffer.readUint32(offset);
  }

  float32(offset: number, place: string): number {
    this.need(offset, 4, place, 'a 32-bit value');
    return this.buffer.readFloat32(offset);
  }

  /** A 64-bit integer as a number; values beyond 2^53 are refused rather than rounded. */
  int64(offset: number, place: string, signed: boolean): number {
    this.need(offset, 8, place, 'a 64-bit value');
    const value = signed ? this.buffer.readInt64(offset) : this.buffer.readUint64(offset);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
      this.fail(place, `64-bit value ${value} is out of range`);
    }
    return Number(value);
  }

  utf8(offset: number, length: number, place: string): string {
    this.need(offset, length, place, 'a string');
    this.charge(length, place);
    return this.text.decode(this.bytes.subarray(offset, offset + length));
  }

  /** The root table: uint32 offset at byte 0, after which bytes 4..8 hold the file identifier. */
  root(identifier: string, place: string): FlatTable {
    this.need(0, 8, place, 'the file header');
    const found = String.fromCharCode(...this.bytes.subarray(4, 8));
    if (found !== identifier) {
      const shown = JSON.stringify(found);
      this.fail(place, `the file identifier is ${shown}, expected "${identifier}" (not a TFLite model)`);
    }
    return this.tableAt(this.uint32(0, place), place);
  }

  tableAt(position: number, place: string): FlatTable {
    this.charge(1, place);
    const vtable = position - this.int32(position, place);
    const vtableSize = this.uint16(vtable, place);
    const tableSize = this.uint16(vtable + 2, place);
    if (vtableSize < 4 || vtableSize % 2 !== 0) this.fail(place, `vtable size ${vtableSize} is invalid`);
    this.need(vtable, vtableSize, place, 'the vtable');
    if (tableSize < 4) this.fail(place, `table size ${tableSize} is invalid`);
    this.need(position, tableSize, place, 'the table');
    return new FlatTable(this, position, vtable, vtableSize, tableSize, place);
  }

  /** Follows a uint32 reference stored at `offset`. */
  follow(offset: number, place: string): number {
    return offset + this.uint32(offset, place);
  }
}

/** One table: reads fields by id, with the schema's default when a field is absent. */
export class FlatTable {
  constructor(
    private readonly file: FlatBuffer,
    private readonly position: number,
    private readonly vtable: number,
    private readonly vtableSize: number,
    private readonly tableSize: number,
    readonly place: string,
  ) {}

  fail(problem: string, field?: string): never {
    return this.file.fail(field === undefined ? this.place : `${this.place}.${field}`, problem);
  }

  has(id: number): boolean {
    return this.fieldOffset(id, 1, `field ${id}`) !== 0;
  }

  uint8(id: number, name: string, fallback = 0): number {
    const at = this.fieldOffset(id, 1, name);
    return at === 0 ? fallback : this.file.uint8(this.position + at, this.placeOf(name));
  }

  int8(id: number, name: string, fallback = 0): number {
    const at = this.fieldOffset(id, 1, name);
    return at === 0 ? fallback : this.file.int8(this.position + at, this.placeOf(name));
  }

  bool(id: number, name: string, fallback = false): boolean {
    return this.uint8(id, name, fallback ? 1 : 0) !== 0;
  }

  int32(id: number, name: string, fallback = 0): number {
    const at = this.fieldOffset(id, 4, name);
    return at === 0 ? fallback : this.file.int32(this.position + at, this.placeOf(name));
  }

  uint32(id: number, name: string, fallback = 0): number {
    const at = this.fieldOffset(id, 4, name);
    return at === 0 ? fallback : this.file.uint32(this.position + at, this.placeOf(name));
  }

  float32(id: number, name: string, fallback = 0): number {
    const at = this.fieldOffset(id, 4, name);
    return at === 0 ? fallback : this.file.float32(this.position + at, this.placeOf(name));
  }

  uint64(id: number, name: string, fallback = 0): number {
    const at = this.fieldOffset(id, 8, name);
    return at === 0 ? fallback : this.file.int64(this.position + at, this.placeOf(name), false);
  }

  table(id: number, name: string): FlatTable | undefined {
    const target = this.reference(id, name);
    return target === undefined ? undefined : this.file.tableAt(target, this.placeOf(name));
  }

  string(id: number, name: string): string | undefined {
    const vector = this.vector(id, name, 1);
    return vector === undefined ? undefined : this.file.utf8(vector.start, vector.count, this.placeOf(name));
  }

  tables(id: number, name: string): FlatTable[] {
    const vector = this.vector(id, name, 4);
    if (vector === undefined) return [];
    const tables: FlatTable[] = [];
    for (let i = 0; i < vector.count; i++) {
      const place = `${this.placeOf(name)}[${i}]`;
      tables.push(this.file.tableAt(this.file.follow(vector.start + 4 * i, place), place));
    }
    return tables;
  }

  int32s(id: number, name: string): number[] {
    return this.numbers(id, name, 4, (offset, place) => this.file.int32(offset, place));
  }

  float32s(id: number, name: string): number[] {
    return this.numbers(id, name, 4, (offset, place) => this.file.float32(offset, place));
  }

  int64s(id: number, name: string): number[] {
    return this.numbers(id, name, 8, (offset, place) => this.file.int64(offset, place, true));
  }

  /** A byte vector as a view into the file (no copy), or undefined when absent. */
  bytes(id: number, name: string): Uint8Array | undefined {
    const vector = this.vector(id, name, 1);
    return vector === undefined
      ? undefined
      : this.file.bytes.subarray(vector.start, vector.start + vector.count);
  }

  private numbers(
    id: number,
    name: string,
    size: number,
    read: (offset: number, place: string) => number,
  ): number[] {
    const vector = this.vector(id, name, size);
    if (vector === undefined) return [];
    const place = this.placeOf(name);
    const values = new Array<number>(vector.count);
    for (let i = 0; i < vector.count; i++) values[i] = read(vector.start + size * i, place);
    return values;
  }

  /** A vector's first element and count, checked to fit the file. */
  private vector(
    id: number,
    name: string,
    elementSize: number,
  ): { start: number; count: number } | undefined {
    const target = this.reference(id, name);
    if (target === undefined) return undefined;
    const place = this.placeOf(name);
    const count = this.file.uint32(target, place);
    this.file.need(target + 4, count * elementSize, place, `a vector of ${count} elements`);
    this.file.charge(count, place);
    return { start: target + 4, count };
  }

  private reference(id: number, name: string): number | undefined {
    const at = this.fieldOffset(id, 4, name);
    return at === 0 ? undefined : this.file.follow(this.position + at, this.placeOf(name));
  }

  /** The field's offset inside the table (0 when absent), checked to fit the table's inline size. */
  private fieldOffset(id: number, size: number, name: string): number {
    const entry = 4 + 2 * id;
    if (entry >= this.vtableSize) return 0;
    const at = this.file.uint16(this.vtable + entry, this.place);
    if (at !== 0 && (at < 4 || at + size > this.tableSize)) {
      this.fail(`field offset ${at} does not fit the table's ${this.tableSize} bytes`, name);
    }
    return at;
  }

  private placeOf(name: string): string {
    return `${this.place}.${name}`;
  }
}
