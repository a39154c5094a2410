/** The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts, no network. */
import type { ReportChart, ReportDocument, ReportSection, ReportTable } from './document.js';
import { escapeHtml } from './escape.js';
import { renderSvg } from './render-svg.js';
import { REPORT_CSS } from './style.js';

/** Forbids every fetch, so the page provably needs nothing beyond itself. */
const NO_NETWORK = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function tableHtml(table: ReportTable): string {
  const head = table.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return (
    `<div class="table-wrap"><table><caption>${escapeHtml(table.caption)}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`
  );
}

async function chartHtml(chart: ReportChart): Promise<string> {
  // The SVG comes from Vega's serializer, which escapes the text it draws.
  const svg = await renderSvg(chart.spec);
  // The title is drawn inside the SVG; the label names the figure for screen readers.
  return `<figure class="chart" data-chart="${escapeHtml(chart.id)}" aria-label="${escapeHtml(chart.title)}">${svg}</figure>`;
}

async function sectionHtml(section: ReportSection): Promise<string> {
  const charts = await Promise.all(section.charts.map(chartHtml));
  return [
    `<section id="${escapeHtml(section.id)}" class="${section.ran ? 'stage' : 'stage not-run'}">`,
    `<h2>${escapeHtml(section.title)}</h2>`,
    ...section.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`),
    charts.length > 0 ? `<div class="charts">${charts.join('\n')}</div>` : '',
    ...section.tables.map(tableHtml),
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

export async function renderHtml(document: ReportDocument): Promise<string> {
  const sections = await Promise.all(document.sections.map(sectionHtml));
  const toc = document.sections
    .map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${NO_NETWORK}">
<title>${escapeHtml(document.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(document.title)}</h1>
<p>Run folder ${escapeHtml(document.run)} · report written ${escapeHtml(document.createdAt)}</p>
<nav><ul>${toc}</ul></nav>
</header>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
