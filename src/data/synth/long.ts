import { ConditionDealer, labelOf } from './conditions.js';
import { ACCEL_DECIMALS, drawRunParameters, RPM_DECIMALS, SAMPLE_RATE, TIME_DECIMALS } from './machine.js';
import type { ResolvedSynthOptions } from './options.js';
import { MachineRun } from './signal.js';
import { synthStreams } from './streams.js';
import { machineTable, quantizer, type SynthCell, type SynthColumn, type SynthTable } from './table.js';

const CHUNK = 4096;
/** The sensor columns, which are the ones that may have empty cells. */
const SENSOR_COLUMNS = [1, 2, 3];

/**
 * One row per time step: timestamp (s, continuous over the whole table as if the
 * runs were logged back to back), accel_x and accel_y (two axes with different
 * transfer paths, g), speed_rpm (once-per-revolution tachometer), fault_label and
 * recording_id. Each recording of `length` steps is one run in one condition.
 */
export function longTable(options: ResolvedSynthOptions): SynthTable {
  const hasMissing = options.missingRate > 0;
  const columns: SynthColumn[] = [
    { name: 'timestamp', kind: 'real', decimals: TIME_DECIMALS, hasMissing: false },
    { name: 'accel_x', kind: 'real', decimals: ACCEL_DECIMALS, hasMissing },
    { name: 'accel_y', kind: 'real', decimals: ACCEL_DECIMALS, hasMissing },
    { name: 'speed_rpm', kind: 'real', decimals: RPM_DECIMALS, hasMissing },
    { name: 'fault_label', kind: 'int', hasMissing: false },
    { name: 'recording_id', kind: 'text', hasMissing: false },
  ];
  return machineTable(columns, options, longRows);
}

function* longRows(options: ResolvedSynthOptions): Generator<SynthCell[]> {
  const { rows, length, difficulty, classes, missingRate } = options;
  const streams = synthStreams(options.seed);
  const dealer = new ConditionDealer(classes, streams.conditions);
  const recordings = Math.ceil(rows / length);
  const idWidth = Math.max(3, String(recordings).length);
  const accelX = new Float64Array(CHUNK);
  const accelY = new Float64Array(CHUNK);
  const speedRpm = new Float64Array(CHUNK);
  const [time, accel, rpm] = [quantizer(TIME_DECIMALS), quantizer(ACCEL_DECIMALS), quantizer(RPM_DECIMALS)];
  let step = 0;
  for (let recording = 0; recording < recordings; recording++) {
    const condition = dealer.next();
    const label = labelOf(condition, classes);
    const id = `rec${String(recording + 1).padStart(idWidth, '0')}`;
    const run = new MachineRun(drawRunParameters(condition, difficulty, streams.signal), streams.signal);
    const end = Math.min(rows, step + length);
    while (step < end) {
      const count = Math.min(CHUNK, end - step);
      run.generate(count, { accelX, accelY, speedRpm });
      for (let i = 0; i < count; i++, step++) {
        const cells: SynthCell[] = [
          time(step / SAMPLE_RATE),
          accel(accelX[i]),
          accel(accelY[i]),
          rpm(speedRpm[i]),
          label,
          id,
        ];
        if (streams.missing.next() < missingRate) cells[SENSOR_COLUMNS[streams.missing.int(3)]] = NaN;
        yield cells;
      }
    }
  }
}
