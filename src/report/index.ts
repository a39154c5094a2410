/**
 * `writeReport(runDir)`: the run's report as report.html (self-contained), report.md and
 * report.json in <run>/report/, each written atomically. Stages that did not run are said so.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { buildReport } from './build.js';
import { renderHtml } from './html.js';
import { readRunInputs } from './inputs.js';
import { renderMarkdown } from './markdown.js';

export type { ReportChart, ReportDocument, ReportSection, ReportTable } from './document.js';
export { buildReport } from './build.js';
export { readRunInputs, type RunInputs } from './inputs.js';
export { paretoFront } from './pareto.js';

export interface ReportOptions {
  /** Folder to write into; default <run>/report. */
  out?: string;
}

export interface ReportFiles {
  html: string;
  markdown: string;
  json: string;
}

export async function writeReport(runDir: string, options: ReportOptions = {}): Promise<ReportFiles> {
  const document = buildReport(await readRunInputs(runDir));
  const out = options.out ?? join(runDir, 'report');
  const files: ReportFiles = {
    html: join(out, 'report.html'),
    markdown: join(out, 'report.md'),
    json: join(out, 'report.json'),
  };
  const html = await renderHtml(document);
  await Promise.all([
    writeFileAtomic(files.html, html),
    writeFileAtomic(files.markdown, renderMarkdown(document)),
    writeFileAtomic(files.json, `${JSON.stringify(document, null, 2)}\n`),
  ]);
  return files;
}
