/** The report as Markdown: the same sections and tables; charts are named, drawn only in the HTML. */
import type { ReportDocument, ReportSection, ReportTable } from './document.js';
import { escapeMarkdownCell } from './escape.js';

function tableMarkdown(table: ReportTable): string {
  const line = (cells: string[]): string => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  return [
    `**${table.caption}**`,
    '',
    line(table.columns),
    `|${table.columns.map(() => ' --- |').join('')}`,
    ...table.rows.map(line),
  ].join('\n');
}

function sectionMarkdown(section: ReportSection): string {
  return [
    `## ${section.title}`,
    ...section.notes,
    ...section.charts.map((chart) => `_Chart: ${chart.title} (drawn in report.html)._`),
    ...section.tables.map(tableMarkdown),
  ].join('\n\n');
}

export function renderMarkdown(document: ReportDocument): string {
  return (
    [
      `# ${document.title}`,
      `Run folder \`${document.run}\`, report written ${document.createdAt}.`,
      ...document.sections.map(sectionMarkdown),
    ].join('\n\n') + '\n'
  );
}
