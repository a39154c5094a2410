/**
 * The report of a real run opened in headless Chromium: no errors, no network, every chart
 * drawn with marks, and the tables showing the run's own figures. Leaves a screenshot in
 * test-artifacts/report.png.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { adviseAll, DEVICES, formatEnergy, type Device } from '../../src/advise/index.js';
import type { BenchResults } from '../../src/bench/results.js';
import type { DataSummary } from '../../src/data/prepare.js';
import type { ClassificationReport } from '../../src/train/metrics/classification-report.js';
import { writeReport, type ReportFiles } from '../../src/report/index.js';
import { buildRunFixture, HOSTILE_REASON, type RunFixture } from './run-fixture.js';

const SCREENSHOT = fileURLToPath(new URL('../../test-artifacts/report.png', import.meta.url));

let fixture: RunFixture;
let files: ReportFiles;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const requests: string[] = [];

before(async () => {
  fixture = await buildRunFixture();
  files = await writeReport(fixture.run);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });
});

after(async () => {
  await browser?.close();
});

/**
 * The energy column by hand from the catalogue: active power (W) × the device latency (ms)
 * = mJ, over the devices that run `runtime`, cheapest and dearest with their names.
 */
function energyRange(runtime: string, latencyMs: (device: Device) => number | false): string {
  const estimates = DEVICES.flatMap((device) => {
    const ms = latencyMs(device);
    return ms !== false && (device.runtimes as readonly string[]).includes(runtime)
      ? [{ name: device.name, microjoules: device.activePowerW * ms * 1000 }]
      : [];
  }).sort((a, b) => a.microjoules - b.microjoules);
  const [low, high] = [estimates[0], estimates[estimates.length - 1]];
  return `${formatEnergy(low.microjoules)} (${low.name}) to ${formatEnergy(high.microjoules)} (${high.name})`;
}

/** A table's body rows as cell texts, found by its caption. */
async function tableRows(caption: string): Promise<string[][]> {
  const rows = await page.$$eval('table', (tables) =>
    tables.map((table) => ({
      caption: table.caption?.textContent ?? '',
      rows: [...table.tBodies[0].rows].map((row) => [...row.cells].map((cell) => cell.textContent ?? '')),
    })),
  );
  const found = rows.filter((table) => table.caption === caption);
  assert.equal(found.length, 1, `one table captioned ${caption}`);
  return found[0].rows;
}

function rowOf(rows: string[][], ...keys: string[]): string[] {
  const found = rows.filter((row) => keys.every((key) => row.includes(key)));
  assert.equal(found.length, 1, `one row with ${keys.join(', ')}: ${JSON.stringify(rows)}`);
  return found[0];
}

test('the page loads with no console errors and fetches nothing but itself', async () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(requests, [pathToFileURL(files.html).href]);
  assert.equal(await page.locator('script').count(), 0);
});

test('every chart holds an SVG with drawn marks', async () => {
  const charts = await page.$$eval('figure.chart', (figures) =>
    figures.map((figure) => {
      const svg = figure.querySelector(':scope > svg');
      const box = svg?.getBoundingClientRect();
      return {
        id: figure.getAttribute('data-chart'),
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        marks: svg?.querySelectorAll('g.role-mark [role="graphics-symbol"]').length ?? 0,
      };
    }),
  );
  assert.deepEqual(
    charts.map((chart) => chart.id),
    ['training-loss', 'training-accuracy', 'confusion-matrix', 'accuracy-vs-size', 'accuracy-vs-latency'],
  );
  for (const chart of charts) {
    assert.ok(chart.width > 100 && chart.height > 100, `${chart.id} is drawn at a visible size`);
    assert.ok(chart.marks > 0, `${chart.id} has marks`);
  }
});

test('the confusion matrix shows the counts of model.json, which add up to the test split', async () => {
  const model = JSON.parse(await readFile(join(fixture.run, 'train', 'model.json'), 'utf8')) as {
    evaluation: { test: ClassificationReport };
  };
  const summary = JSON.parse(
    await readFile(join(fixture.run, 'data', 'summary.json'), 'utf8'),
  ) as DataSummary;
  const matrix = model.evaluation.test.confusionMatrix;
  const drawn = await page.$$eval(
    'figure[data-chart="confusion-matrix"] g.mark-text.role-mark text',
    (texts) => texts.map((text) => Number(text.textContent)),
  );
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  assert.deepEqual(sorted(drawn), sorted(matrix.flat()));
  assert.equal(
    drawn.reduce((a, b) => a + b, 0),
    summary.split.sizes.test,
  );
});

test('the latency chart marks the hand-worked Pareto front in red', async () => {
  const fills = await page.$$eval(
    'figure[data-chart="accuracy-vs-latency"] g.mark-symbol.role-mark path',
    (paths) => paths.map((path) => path.getAttribute('fill')),
  );
  assert.deepEqual(fills.sort(), ['#7f7f7f', '#d62728', '#d62728']);
  const table = await tableRows('Accuracy vs latency (batch 1)');
  assert.deepEqual(table, [
    ['float32 · edgeforge', '0.125 ms', '75.00 %', 'yes'],
    ['int8 · edgeforge', '0.062 ms', '70.00 %', 'yes'],
    ['float32 · onnxruntime', '0.500 ms', '75.00 %', 'no'],
  ]);
  const notes = await page.locator('#tradeoffs p.note').allTextContents();
  assert.ok(
    notes.includes(
      'Pareto front by latency (measured per runner by bench): float32 · edgeforge, int8 · edgeforge.',
    ),
  );
});

test('the resource table shows the bench figures in the tutorial shape', async () => {
  const rows = await tableRows('Resource test report');
  assert.equal(rows.length, 5);
  const float = rowOf(rows, 'float32', 'edgeforge runtime');
  assert.equal(float[0], 'Test CPU @ 2.0GHz (2 cores, linux x64, Node v20.0.0)');
  assert.deepEqual(float.slice(3, 9), [
    '0.125 ms',
    '0.250 ms',
    'model 13.0 KiB, arena 384 B, RSS +0 B',
    '98.5 %',
    '75.00 %',
    energyRange('edgeforge', (device) => device.class !== 'mcu' && device.hostSpeedFactor * 0.125),
  ]);
  const int8 = rowOf(rows, 'int8', 'edgeforge runtime');
  assert.deepEqual(int8.slice(3, 8), [
    '0.062 ms',
    '0.090 ms',
    'model 4.0 KiB, arena 96 B',
    '50.0 %',
    '70.00 %',
  ]);
  const mcu = rowOf(rows, 'int8', 'generated C on Cortex-M4');
  assert.equal(mcu[0], 'Cortex-M4 (QEMU mps2-an386, emulated)');
  assert.equal(mcu[5], 'flash 20.0 KiB, RAM 2.0 KiB, stack 512 B');
  // MCU latency models evolve with the advisor (CPI, DSP ratios): take its latency per device, energy by hand.
  const bench = JSON.parse(await readFile(join(fixture.run, 'bench', 'bench.json'), 'utf8')) as BenchResults;
  const mcuLatency = new Map(
    adviseAll(bench).flatMap((advice) =>
      advice.options
        .filter((o) => o.variant === 'int8' && o.runner === 'c-cortex-m4' && o.runtime === 'c' && o.latencyMs)
        .map((o) => [advice.device.id, o.latencyMs!] as const),
    ),
  );
  assert.ok(mcuLatency.size >= 5, 'the microcontrollers of the catalogue have estimates');
  assert.equal(
    mcu[8],
    energyRange('c', (device) => mcuLatency.get(device.id) ?? false),
  );
  const litert = rowOf(rows, 'int8', 'LiteRT.js');
  // The reason's markup arrives as text, not as elements.
  assert.equal(litert[9], `unsupported: ${HOSTILE_REASON}`);
  assert.equal(await page.locator('main b').count(), 0);
  const details = await tableRows('Details per cell');
  assert.equal(rowOf(details, 'int8', 'generated C on Cortex-M4')[7], '123,456');
  assert.deepEqual(rowOf(details, 'float32', 'edgeforge runtime').slice(5, 7), [
    '32: 1.600 ms',
    '20,000 windows/s',
  ]);
});

test('the compression and export tables show the run’s variants and files', async () => {
  const variants = await tableRows('Variants');
  assert.deepEqual(
    variants.map((row) => row[0]),
    ['float32', 'int8'],
  );
  const float = rowOf(variants, 'float32');
  // mlp on 16 inputs: 16*64+64 + 64*32+32 + 32*1+1 = 3201 float32 weights = 12804 B; 1024+2048+32 MACs.
  assert.equal(float[6], '12.5 KiB');
  assert.equal(float[9], '3,104');
  for (const variant of fixture.compress.variants)
    assert.equal(rowOf(variants, variant.name)[2], `${(variant.evaluation.accuracy * 100).toFixed(2)} %`);
  // Float and full-integer int8 graphs both run in the edgeforge runtime.
  const targets = await tableRows('Deploy targets');
  assert.deepEqual(
    targets.map((row) => [row[0], row[1]]),
    [
      ['float32', 'yes'],
      ['int8', 'yes'],
    ],
  );
  const exports = await tableRows('Exported files');
  assert.deepEqual(
    exports.map((row) => `${row[0]} ${row[1]} ${row[2]}`),
    ['float32 tflite ok', 'float32 onnx ok', 'int8 tflite ok', 'int8 onnx ok'],
  );
  for (const row of exports) assert.match(row[6], /^passed in /);
});

test('the advisor’s table has every catalogue device, with the source of its power figure', async () => {
  const recommendations = await tableRows('Recommendation per device');
  assert.deepEqual(
    recommendations.map((row) => row[0]),
    DEVICES.map((device) => device.name),
  );
  for (const row of recommendations)
    assert.ok(row[2] !== '' && row[6] !== '', `${row[0]} has a verdict and reasons`);
  const bases = await tableRows('What the estimates rest on');
  DEVICES.forEach((device, i) =>
    assert.ok(bases[i][1].includes(device.powerSource), `${device.name} power source`),
  );
});

test('the data table shows summary.json’s windows per class', async () => {
  const summary = JSON.parse(
    await readFile(join(fixture.run, 'data', 'summary.json'), 'utf8'),
  ) as DataSummary;
  const rows = await tableRows('Windows per class and split');
  assert.deepEqual(
    rows,
    summary.classes.map((name, id) => [
      name,
      String(summary.split.classCounts.train[id]),
      String(summary.split.classCounts.validation[id]),
      String(summary.split.classCounts.test[id]),
    ]),
  );
});

test('Markdown and JSON carry the same tables; a screenshot is saved', async () => {
  const markdown = await readFile(files.markdown, 'utf8');
  assert.match(
    markdown,
    /\| int8 \| 0\.062 ms \| 0\.090 ms \| model 4\.0 KiB, arena 96 B \| 50\.0 % \| 70\.00 % \|/,
  );
  const document = JSON.parse(await readFile(files.json, 'utf8')) as {
    sections: { id: string; ran: boolean }[];
  };
  assert.deepEqual(
    document.sections.map((section) => [section.id, section.ran]),
    [
      ['data', true],
      ['training', true],
      ['compression', true],
      ['tradeoffs', true],
      ['exports', true],
      ['bench', true],
      ['advice', true],
    ],
  );
  await mkdir(join(SCREENSHOT, '..'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  const png = await readFile(SCREENSHOT);
  assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
  assert.ok((await stat(SCREENSHOT)).size > 10_000);
});
