/** The protobuf encoder against encodings worked out by hand from the wire format. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtoWriter } from '../../src/export/onnx/protobuf.js';
import { encodeModel } from '../../src/export/onnx/onnx-model.js';

const bytes = (writer: ProtoWriter) => Array.from(writer.finish());

test('varint fields: tag (field << 3 | 0), little-endian 7-bit groups, negatives as 10-byte two’s complement', () => {
  assert.deepEqual(bytes(new ProtoWriter().int(1, 1)), [0x08, 0x01]);
  // 300 = 0b10_0101100 -> 0xac 0x02.
  assert.deepEqual(bytes(new ProtoWriter().int(2, 300)), [0x10, 0xac, 0x02]);
  assert.deepEqual(bytes(new ProtoWriter().int(1, -1)), [0x08, ...Array(9).fill(0xff), 0x01]);
  // Field 20 (AttributeProto.type) needs a two-byte tag: 160 -> 0xa0 0x01.
  assert.deepEqual(bytes(new ProtoWriter().int(20, 7)), [0xa0, 0x01, 0x07]);
});

test('length-delimited, fixed32 and packed fields', () => {
  assert.deepEqual(bytes(new ProtoWriter().string(1, 'Relu')), [0x0a, 4, 0x52, 0x65, 0x6c, 0x75]);
  // 1.5f = 0x3fc00000, little-endian.
  assert.deepEqual(bytes(new ProtoWriter().float(2, 1.5)), [0x15, 0x00, 0x00, 0xc0, 0x3f]);
  assert.deepEqual(bytes(new ProtoWriter().packedInts(8, [1, 300])), [0x42, 3, 0x01, 0xac, 0x02]);
  const inner = new ProtoWriter().int(1, 5);
  assert.deepEqual(bytes(new ProtoWriter().message(7, inner)), [0x3a, 2, 0x08, 0x05]);
});

test('a model starts with ir_version (field 1) and carries its opset import as field 8', () => {
  const encoded = encodeModel({
    irVersion: 8,
    opset: 17,
    producerName: 'p',
    producerVersion: 'v',
    docString: '',
    graph: { name: 'g', nodes: [], initializers: [], inputs: [], outputs: [] },
    metadata: { k: 'x' },
  });
  const expected = [
    [0x08, 8], // ir_version 8
    [0x12, 1, 0x70], // producer_name 'p'
    [0x1a, 1, 0x76], // producer_version 'v'
    [0x32, 0], // doc_string ''
    [0x3a, 3, 0x12, 1, 0x67], // graph { name 'g' }
    [0x42, 4, 0x0a, 0, 0x10, 17], // opset_import { domain '', version 17 }
    [0x72, 6, 0x0a, 1, 0x6b, 0x12, 1, 0x78], // metadata_props { key 'k', value 'x' }
  ].flat();
  assert.deepEqual(Array.from(encoded), expected);
});
