/** The report's only styling: inline (the CSP allows nothing else), readable on screen and on paper. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 10.5pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; margin: 2em auto; max-width: 60em; padding: 0 1.5em; }
h1 { font-size: 20pt; margin: 0 0 .2em; } h2 { font-size: 14pt; border-bottom: 2px solid #333; margin-top: 1.8em; padding-bottom: .15em; }
h3 { font-size: 12pt; margin: 1.4em 0 .4em; } h4, h5, h6 { font-size: 10.5pt; margin: .8em 0 .3em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 2px 5px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.v, td.mono, code, pre, .mono { overflow-wrap: anywhere; }
td.n { white-space: nowrap; text-align: right; }
code, pre, .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8.5pt; }
pre { background: #f4f4f4; border: 1px solid #ddd; padding: .5em; white-space: pre-wrap; }
td.v { white-space: pre-wrap; }
.meta td:first-child { width: 12em; font-weight: bold; }
.alert { border: 2px solid #b00; background: #fee; padding: .5em .8em; margin: 1em 0; }
.ok { border: 1px solid #2a2; background: #efe; padding: .4em .8em; margin: 1em 0; }
.note { border-left: 4px solid #999; padding: .1em .8em; margin: .6em 0; background: #fafafa; }
.sev { display: inline-block; padding: 0 .5em; border-radius: 3px; color: #fff; font-weight: bold; font-size: 9pt; text-transform: uppercase; }
.sev-info { background: #557; } .sev-low { background: #2a7; } .sev-medium { background: #c80; } .sev-high { background: #d40; } .sev-critical { background: #a00; }
.tag { display: inline-block; border: 1px solid #888; border-left-width: 8px; padding: 0 .4em; margin-right: .3em; font-size: 9pt; border-radius: 3px; }
.url { color: #555; } .dim { color: #666; } .bad { color: #b00; font-weight: bold; }
.finding { page-break-inside: auto; border-top: 1px solid #ccc; }
.row { page-break-inside: avoid; }
/* Appendix A: fixed layout, landscape pages; a path on one line (wrapping only if it must), its hash unbroken below it. */
table.manifest { table-layout: fixed; font-size: 7pt; }
table.manifest col.c-id { width: 4.5em; } table.manifest col.c-format { width: 9em; } table.manifest col.c-status { width: 10em; }
table.manifest col.c-num { width: 6.5em; } table.manifest col.c-check { width: 6.5em; }
table.manifest td { padding: 1px 4px; }
table.manifest .path { overflow-wrap: anywhere; }
table.manifest .hash { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 6.5pt; white-space: nowrap; color: #333; }
table.manifest tr { page-break-inside: avoid; }
table.manifest thead { display: table-header-group; }
.appendix { page: landscape; }
@page landscape { size: A4 landscape; margin: 12mm 10mm; }
@page { size: A4; margin: 15mm 12mm; }
@media print { body { margin: 0; max-width: none; padding: 0; } h2 { page-break-after: avoid; } h3 { page-break-after: avoid; } }
`;
