/**
 * The report as data: sections of pre-formatted tables and chart specs. The HTML, Markdown
 * and JSON files are three renderings of this one document, so they always agree.
 */
import type { TopLevelSpec } from 'vega-lite';

export interface ReportTable {
  caption: string;
  columns: string[];
  /** Cells already formatted for reading (units included). */
  rows: string[][];
}

export interface ReportChart {
  /** Stable id: the HTML container's data-chart attribute. */
  id: string;
  title: string;
  /** A Vega-Lite spec with its data inline. */
  spec: TopLevelSpec;
}

export interface ReportSection {
  id: string;
  title: string;
  /** False when the stage's output file is absent: the section then says so instead of failing. */
  ran: boolean;
  /** Sentences shown before the tables. */
  notes: string[];
  tables: ReportTable[];
  charts: ReportChart[];
}

export interface ReportDocument {
  title: string;
  run: string;
  createdAt: string;
  sections: ReportSection[];
}

/** The section of a stage whose output file is absent. */
export function stageNotRun(id: string, title: string, file: string, stage: string): ReportSection {
  return {
    id,
    title,
    ran: false,
    notes: [`Stage not run: ${file} is absent. Run the ${stage} stage to fill this section.`],
    tables: [],
    charts: [],
  };
}
