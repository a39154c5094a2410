/**
 * Windowing throughput and memory on a large long-layout CSV:
 *   npm run bench:data [-- --size-mb N]   (default 1024; compiled, so no TypeScript loader in the RSS)
 * Writes a CSV of about N MB to the temp directory (ISO timestamp with microseconds,
 * 3 accelerometer channels, label, recording id, as a 12 kHz data logger exports it),
 * ingests it with window 64 / stride 32, prints one line per figure and deletes the file.
 * The file is written by a child process, so the peak RSS is the ingest's alone.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { ingest } from '../src/data/ingest.js';

const SAMPLE_RATE = 12_000;
const ROWS_PER_RECORDING = 100_000;
const CLASSES = 4;
const START = Date.UTC(2024, 2, 1, 8, 0, 0);
/** Internal: the child process mode that writes the CSV. */
const WRITE_ONLY = '--write-only';

function sizeArgument(): number {
  const at = process.argv.indexOf('--size-mb');
  if (at < 0) return 1024;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--size-mb needs a positive number of megabytes, not '${process.argv[at + 1] ?? ''}'`);
    process.exit(2);
  }
  return value;
}

/** x with 6 decimals, by integer arithmetic: toFixed() per cell would dominate the generation. */
function fixed6(x: number): string {
  const micro = Math.round(x * 1e6);
  const magnitude = Math.abs(micro);
  const fraction = String(magnitude % 1e6).padStart(6, '0');
  return `${micro < 0 ? '-' : ''}${Math.floor(magnitude / 1e6)}.${fraction}`;
}

/** "2024-03-01T08:00:05.000083Z": the second's prefix is built once per 12,000 rows. */
class Timestamps {
  private second = -1;
  private prefix = '';

  at(step: number): string {
    const micros = Math.floor((step * 1e6) / SAMPLE_RATE);
    const second = Math.floor(micros / 1e6);
    if (second !== this.second) {
      this.second = second;
      this.prefix = new Date(START + second * 1000).toISOString().slice(0, 20);
    }
    return `${this.prefix}${String(micros % 1e6).padStart(6, '0')}Z`;
  }
}

/** Streams rows until the file reaches `bytes`; returns the rows written. */
async function writeCsv(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const times = new Timestamps();
  let seed = 12345;
  const noise = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  let written = 0;
  let rows = 0;
  let chunk = 'timestamp,acc_x,acc_y,acc_z,label,recording_id\n';
  while (written + chunk.length < bytes) {
    const recording = Math.floor(rows / ROWS_PER_RECORDING);
    const label = recording % CLASSES;
    const phase = (2 * Math.PI * 50 * (label + 1) * rows) / SAMPLE_RATE;
    chunk += `${times.at(rows)},${fixed6(Math.sin(phase) + 0.1 * noise())},${fixed6(Math.cos(phase) + 0.1 * noise())},${fixed6(0.2 * noise())},${label},rec_${String(recording).padStart(4, '0')}\n`;
    rows++;
    if (chunk.length >= 1 << 20) {
      written += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return rows;
}

/** Runs this script as a child that only writes the CSV; returns the rows it wrote. */
function writeCsvInChild(path: string, bytes: number): number {
  const script = fileURLToPath(import.meta.url);
  const output = execFileSync(
    process.execPath,
    // Run the child the way this script runs (compiled JS, or TypeScript through tsx).
    [...process.execArgv, script, WRITE_ONLY, path, String(bytes)],
    {
      encoding: 'utf8',
    },
  );
  return Number(output.trim());
}

async function main(): Promise<void> {
  const sizeMb = sizeArgument();
  const path = join(tmpdir(), `edgeforge-bench-${process.pid}.csv`);
  try {
    let started = performance.now();
    const rows = writeCsvInChild(path, sizeMb * 1024 * 1024);
    const { size } = await stat(path);
    const generateSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const { data, report } = await ingest({ file: path, window: { length: 64, stride: 32, label: 'last' } });
    const seconds = (performance.now() - started) / 1000;
    const megabytes = size / (1024 * 1024);
    console.log(`file: ${megabytes.toFixed(1)} MB, ${rows} rows, ${(size / rows).toFixed(1)} bytes/row`);
    console.log(`generate: ${generateSeconds.toFixed(1)} s`);
    console.log(`ingest: ${seconds.toFixed(1)} s`);
    console.log(`rows/s: ${Math.round(report.rowsRead / seconds)}`);
    console.log(`MB/s: ${(megabytes / seconds).toFixed(1)}`);
    console.log(
      `windows: ${data.count} (${report.windows?.recordings ?? 0} recordings, ${data.x.byteLength / 1e6} MB of values)`,
    );
    console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    await rm(path, { force: true });
  }
}

const writeOnly = process.argv.indexOf(WRITE_ONLY);
if (writeOnly >= 0) {
  console.log(await writeCsv(process.argv[writeOnly + 1], Number(process.argv[writeOnly + 2])));
} else {
  await main();
}
