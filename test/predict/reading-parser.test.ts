import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import type { Preprocessing } from '../../src/graph/types.js';
import { ReadingParser, type ParsedLine } from '../../src/predict/reading-parser.js';

const pre: Preprocessing = {
  steps: 4,
  channels: 3,
  channelNames: ['ax', 'ay', 'az'],
  layout: 'long',
  featureColumns: ['ax', 'ay', 'az'],
  labelColumn: 'label',
  scaler: { method: 'none', per: 'channel', steps: 4, channels: 3, center: [0, 0, 0], scale: [1, 1, 1] },
  window: { length: 4, stride: 2 },
};

function reading(parsed: ParsedLine): { values: number[]; timestamp: string | undefined } {
  assert.equal(parsed.kind, 'reading', parsed.kind === 'malformed' ? parsed.problem.oneLine() : parsed.kind);
  if (parsed.kind !== 'reading') throw new Error('unreachable');
  return { values: Array.from(parsed.values), timestamp: parsed.timestamp };
}

function malformed(parsed: ParsedLine): string {
  assert.equal(parsed.kind, 'malformed');
  if (parsed.kind !== 'malformed') throw new Error('unreachable');
  return parsed.problem.oneLine();
}

test('values by position: comma, semicolon with decimal comma, tab and space separated, optional leading timestamp', () => {
  const parser = new ReadingParser(pre, {}, 'stdin');
  assert.deepEqual(reading(parser.parse('1.5,-2,3e2', 1)), { values: [1.5, -2, 300], timestamp: undefined });
  assert.deepEqual(reading(parser.parse('1,5; 2,25 ;-0,5', 2)), {
    values: [1.5, 2.25, -0.5],
    timestamp: undefined,
  });
  assert.deepEqual(reading(parser.parse('4\t5\t6', 3)), { values: [4, 5, 6], timestamp: undefined });
  assert.deepEqual(reading(parser.parse('  7   8 9 ', 4)), { values: [7, 8, 9], timestamp: undefined });
  assert.deepEqual(reading(parser.parse('2024-05-01T10:00:00Z,1,2,3', 5)), {
    values: [1, 2, 3],
    timestamp: '2024-05-01T10:00:00Z',
  });
  assert.equal(parser.parse('   ', 6).kind, 'blank');
});

test('a header maps columns by name (any order, extra columns ignored) and finds the timestamp column', () => {
  const parser = new ReadingParser(pre, {}, 'stdin');
  assert.equal(parser.parse('label,az,time,AX,ay', 1).kind, 'header');
  assert.deepEqual(reading(parser.parse('fault,3,12.5,1,2', 2)), { values: [1, 2, 3], timestamp: '12.5' });
  // The hint from the model file names a timestamp column the recognizer would not guess.
  const hinted = new ReadingParser(pre, { timestamp: 'when' }, 'stdin');
  hinted.parse('when;ax;ay;az', 1);
  assert.deepEqual(reading(hinted.parse('t0;1;2;3', 2)), { values: [1, 2, 3], timestamp: 't0' });
});

test('malformed lines name the line and what is wrong; later all-text lines are malformed, not headers', () => {
  const parser = new ReadingParser(pre, {}, 'sensor.log');
  parser.parse('1,2,3', 1);
  assert.equal(
    malformed(parser.parse('1,2', 2)),
    "sensor.log: line 2: 2 values, expected 3 ('ax', 'ay', 'az'), optionally after a timestamp.",
  );
  assert.equal(
    malformed(parser.parse('1,x,3', 3)),
    "sensor.log: line 3: 'x' in column 'ay' is not a finite number.",
  );
  assert.equal(
    malformed(parser.parse('ax,ay,az', 4)),
    "sensor.log: line 4: 'ax' in column 'ax' is not a finite number.",
  );
  const named = new ReadingParser(pre, {}, 'stdin');
  named.parse('ax,ay,az,label', 1);
  assert.equal(
    malformed(named.parse('1,2,3', 2)),
    'stdin: line 2: 3 values, but the header names 4 columns.',
  );
  assert.equal(
    malformed(named.parse('1,2,inf,ok', 3)),
    "stdin: line 3: 'inf' in column 'az' is not a finite number.",
  );
});

test('a header without a model column stops the stream, naming the column and the model columns', () => {
  const parser = new ReadingParser(pre, {}, 'stdin');
  assert.throws(
    () => parser.parse('ax,ay,temperature', 1),
    (error: unknown) =>
      error instanceof EdgeforgeError &&
      error.oneLine() ===
        "stdin: header: column 'az' is missing: the model reads 'ax', 'ay', 'az'. Score data with the columns the model was trained on.",
  );
});
