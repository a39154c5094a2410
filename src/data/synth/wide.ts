import { ConditionDealer, labelOf } from './conditions.js';
import { ACCEL_DECIMALS, drawRunParameters } from './machine.js';
import type { ResolvedSynthOptions } from './options.js';
import { MachineRun } from './signal.js';
import { synthStreams } from './streams.js';
import { machineTable, quantizer, type SynthCell, type SynthColumn, type SynthTable } from './table.js';

/**
 * One row per window: `length` consecutive accelerometer samples s0..s{length-1}
 * (radial axis, g) of its own short machine run, then fault_label and fault_name.
 */
export function wideTable(options: ResolvedSynthOptions): SynthTable {
  const columns: SynthColumn[] = [
    ...Array.from({ length: options.length }, (_, i) => ({
      name: `s${i}`,
      kind: 'real' as const,
      decimals: ACCEL_DECIMALS,
      hasMissing: options.missingRate > 0,
    })),
    { name: 'fault_label', kind: 'int', hasMissing: false },
    { name: 'fault_name', kind: 'text', hasMissing: false },
  ];
  return machineTable(columns, options, wideRows);
}

function* wideRows(options: ResolvedSynthOptions): Generator<SynthCell[]> {
  const { length, difficulty, classes, missingRate } = options;
  const streams = synthStreams(options.seed);
  const dealer = new ConditionDealer(classes, streams.conditions);
  const accelX = new Float64Array(length);
  const quantize = quantizer(ACCEL_DECIMALS);
  for (let row = 0; row < options.rows; row++) {
    const condition = dealer.next();
    const run = new MachineRun(drawRunParameters(condition, difficulty, streams.signal), streams.signal);
    run.generate(length, { accelX });
    const cells: SynthCell[] = new Array<SynthCell>(length + 2);
    for (let i = 0; i < length; i++) cells[i] = quantize(accelX[i]);
    if (streams.missing.next() < missingRate) cells[streams.missing.int(length)] = NaN;
    cells[length] = labelOf(condition, classes);
    cells[length + 1] = condition;
    yield cells;
  }
}
