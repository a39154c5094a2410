import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { EdgeforgeError } from '../../src/errors.js';
import { decodeGraph, encodeGraph, GRAPH_FORMAT_VERSION } from '../../src/graph/format.js';
import { GraphBuilder } from '../../src/graph/lower/graph-builder.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph } from '../../src/graph/types.js';
import { PRESET_NAMES } from '../../src/train/presets.js';
import { Random } from '../../src/util/random.js';
import { presetModel } from './model-fixtures.js';

/** A graph exercising what the format must carry besides float weights: int8 + per-channel scales, int32 biases, odd float bits, notes. */
function quantizedGraph(): Graph {
  const b = new GraphBuilder();
  const x = b.input('input', [1, 3]);
  const q = b.add({ type: 'QUANTIZE', inputs: [x], options: {} }, 'input/q');
  b.tensors[q]!.dtype = 'int8';
  b.tensors[q]!.quantization = { scale: [0.05], zeroPoint: [-3] };
  const kernel = b.constant('fc/kernel', [2, 3], Int8Array.of(-128, 127, 0, 1, -1, 5));
  b.tensors[kernel]!.quantization = { scale: [0.01, 0.02], zeroPoint: [0, 0], axis: 0 };
  const bias = b.constant('fc/bias', [2], Int32Array.of(-2147483648, 2147483647));
  b.tensors[bias]!.quantization = { scale: [0.0005, 0.001], zeroPoint: [0, 0], axis: 0 };
  const fc = b.add(
    {
      type: 'FULLY_CONNECTED',
      inputs: [q, kernel, bias],
      options: { fusedActivation: 'RELU6', keepNumDims: false },
    },
    'fc/out',
  );
  b.tensors[fc]!.quantization = { scale: [0.1], zeroPoint: [-128] };
  const y = b.add({ type: 'DEQUANTIZE', inputs: [fc], options: {} }, 'output');
  b.tensors[y]!.dtype = 'float32';
  const graph = b.build([x], [y], {
    task: 'other',
    classes: [],
    source: 'hand-made',
    notes: { bits: 8, perChannel: true, by: 'test' },
  });
  return graph;
}

test('every preset round-trips: decode(encode(g)) equals g and re-encodes to the same bytes', () => {
  for (const preset of PRESET_NAMES) {
    const graph = lowerModel(presetModel(preset, 12, 2, 3).model, 'runs/x/model.json');
    const bytes = encodeGraph(graph);
    const decoded = decodeGraph(bytes, 'model.efg');
    assert.deepEqual(decoded, graph, preset);
    assert.deepEqual(encodeGraph(decoded), bytes, preset);
  }
  const quantized = quantizedGraph();
  const decoded = decodeGraph(encodeGraph(quantized));
  assert.deepEqual(decoded, quantized);
  assert.deepEqual(encodeGraph(decoded), encodeGraph(quantized));
});

test('float bits survive exactly, -0, NaN payloads and subnormals included', () => {
  const b = new GraphBuilder();
  const x = b.input('input', [1, 4]);
  const bits = Uint32Array.of(0x80000000, 0x7fc00001, 0x00000001, 0xff800000);
  const values = new Float32Array(bits.buffer);
  const sum = b.add(
    { type: 'ADD', inputs: [x, b.constant('odd', [4], values)], options: { fusedActivation: 'NONE' } },
    'y',
  );
  const graph = b.build([x], [sum], { task: 'other', classes: [], source: 'bits' });
  const decoded = decodeGraph(encodeGraph(graph)).tensors[1]!.data!;
  assert.deepEqual(new Uint32Array(decoded.buffer, decoded.byteOffset, 4), bits);
});

test('the layout is as documented: magic, version, lengths, CRC-32, aligned little-endian data', () => {
  const graph = quantizedGraph();
  const bytes = encodeGraph(graph);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x45, 0x46, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(view.getUint32(8, true), 1);
  const headerLength = view.getUint32(12, true);
  const dataLength = view.getUint32(16, true);
  assert.equal(view.getUint32(20, true), zlibCrc32(bytes.subarray(24)));
  const dataStart = Math.ceil((24 + headerLength) / 16) * 16;
  assert.equal(bytes.length, dataStart + dataLength);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(24, 24 + headerLength))) as {
    tensors: { name: string; data?: { offset: number; bytes: number } }[];
  };
  const biasRef = header.tensors.find((tensor) => tensor.name === 'fc/bias')!.data!;
  assert.equal(biasRef.offset % 16, 0);
  // int32 -2147483648, 2147483647 little-endian.
  assert.deepEqual(
    [...bytes.subarray(dataStart + biasRef.offset, dataStart + biasRef.offset + 8)],
    [0, 0, 0, 0x80, 0xff, 0xff, 0xff, 0x7f],
  );
  const kernelRef = header.tensors.find((tensor) => tensor.name === 'fc/kernel')!.data!;
  assert.deepEqual(
    [...bytes.subarray(dataStart + kernelRef.offset, dataStart + kernelRef.offset + 6)],
    [0x80, 0x7f, 0, 1, 0xff, 5],
  );
});

function decodeFailure(bytes: Uint8Array): string {
  try {
    decodeGraph(bytes, 'bad.efg');
  } catch (error) {
    assert.ok(error instanceof EdgeforgeError, `not an EdgeforgeError: ${String(error)}`);
    return error.oneLine();
  }
  return assert.fail('decoded without error');
}

/** Writes a new header (and fixes the lengths and checksum) into an encoded graph. */
function withHeader(bytes: Uint8Array, edit: (header: Record<string, unknown>) => void): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const headerLength = view.getUint32(12, true);
  const dataStart = Math.ceil((24 + headerLength) / 16) * 16;
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(24, 24 + headerLength))) as Record<
    string,
    unknown
  >;
  edit(header);
  const text = new TextEncoder().encode(JSON.stringify(header));
  const newStart = Math.ceil((24 + text.length) / 16) * 16;
  const out = new Uint8Array(newStart + bytes.length - dataStart);
  out.set(bytes.subarray(0, 24));
  out.set(text, 24);
  out.set(bytes.subarray(dataStart), newStart);
  const outView = new DataView(out.buffer);
  outView.setUint32(12, text.length, true);
  outView.setUint32(20, zlibCrc32(out.subarray(24)), true);
  return out;
}

test('bad files give one-line errors naming the file and what is wrong', () => {
  const bytes = encodeGraph(quantizedGraph());
  assert.match(
    decodeFailure(new TextEncoder().encode('{"format":"edgeforge-model"}')),
    /^bad\.efg: is not an edgeforge graph file/,
  );
  assert.match(decodeFailure(bytes.subarray(0, 10)), /is not an edgeforge graph file/);
  assert.match(decodeFailure(bytes.subarray(0, bytes.length - 1)), /truncated or has extra bytes/);
  const flipped = bytes.slice();
  flipped[bytes.length - 2]! ^= 0x10;
  assert.match(decodeFailure(flipped), /checksum mismatch/);
  const newer = bytes.slice();
  new DataView(newer.buffer).setUint32(8, GRAPH_FORMAT_VERSION + 1, true);
  assert.match(
    decodeFailure(newer),
    /graph format version 2 is not supported \(this edgeforge reads version 1\)/,
  );

  const badType = withHeader(bytes, (header) => ((header.ops as { type: string }[])[1]!.type = 'CONV_3D'));
  assert.match(
    decodeFailure(badType),
    /header field ops\[1\]\.type: corrupt graph header: expected one of FULLY_CONNECTED/,
  );
  const badOption = withHeader(bytes, (header) => {
    (header.ops as { options: Record<string, unknown> }[])[1]!.options.keepNumDims = 'yes';
  });
  assert.match(
    decodeFailure(badOption),
    /header field ops\[1\]\.options\.keepNumDims: .*expected true or false/,
  );
  const outside = withHeader(bytes, (header) => {
    (header.tensors as { data?: { offset: number } }[])[2]!.data!.offset = 4096;
  });
  assert.match(
    decodeFailure(outside),
    /tensors\[2\]\.data: constant data \(offset 4096, 6 bytes\) does not fit the data section \(24 bytes\)/,
  );
  const dangling = withHeader(bytes, (header) => ((header.ops as { inputs: number[] }[])[2]!.inputs[0] = 40));
  assert.match(decodeFailure(dangling), /op 2 \(DEQUANTIZE\): dangling tensor index: input 0 is 40/);
});

test('500 truncated or bit-flipped files, and 500 mangled headers with a valid checksum, fail cleanly', () => {
  const random = new Random(2024);
  const originals = [
    encodeGraph(quantizedGraph()),
    encodeGraph(lowerModel(presetModel('lstm-tutorial', 6, 2, 2).model)),
  ];
  let failures = 0;
  const attempt = (bytes: Uint8Array) => {
    try {
      decodeGraph(bytes, 'fuzz.efg');
    } catch (error) {
      if (!(error instanceof EdgeforgeError)) throw error;
      failures++;
    }
  };
  for (let round = 0; round < 500; round++) {
    const original = originals[round % 2]!;
    if (round % 3 === 0) attempt(original.subarray(0, random.int(original.length)));
    else {
      const bytes = original.slice();
      const flips = 1 + random.int(4);
      for (let i = 0; i < flips; i++) bytes[random.int(bytes.length)]! ^= 1 << random.int(8);
      attempt(bytes);
    }
  }
  assert.equal(failures, 500, 'every damaged file is rejected');

  // With the checksum fixed up, the header parser and the validator must catch what they can.
  const printable = '0123456789-.,:[]{}"eE ntruflase';
  for (let round = 0; round < 500; round++) {
    const bytes = originals[round % 2]!.slice();
    const view = new DataView(bytes.buffer);
    const headerLength = view.getUint32(12, true);
    const edits = 1 + random.int(3);
    for (let i = 0; i < edits; i++)
      bytes[24 + random.int(headerLength)] = printable.charCodeAt(random.int(printable.length));
    view.setUint32(20, zlibCrc32(bytes.subarray(24)), true);
    attempt(bytes);
  }
});
