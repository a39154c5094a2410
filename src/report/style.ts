/** The report's inline style sheet: readable on screen and in print, no web fonts. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #5b6470; --line: #d8dde3; --accent: #d62728; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
header, main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header h1 { margin: 8px 0 4px; font-size: 24px; }
header p { margin: 0; color: var(--muted); }
nav ul { list-style: none; padding: 0; margin: 12px 0 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
nav a { color: #1f5fbf; text-decoration: none; }
section { background: white; border: 1px solid var(--line); border-radius: 6px; padding: 12px 20px 20px; margin: 0 0 20px; }
section h2 { font-size: 18px; margin: 8px 0; }
section.not-run { background: #fbfbfc; }
section.not-run .note { color: var(--muted); font-style: italic; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; margin: 12px 0; }
figure.chart { margin: 0; padding: 8px; border: 1px solid var(--line); border-radius: 4px; background: white; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; margin: 12px 0; }
table { border-collapse: collapse; font-size: 13px; min-width: 40%; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #eef1f4; white-space: nowrap; }
td { font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) td { background: #fafbfc; }
@media print { body { background: white; } section { break-inside: avoid; border: none; } }
`;
