// CSV export helpers shared by the CLI and the workbench. Log values are attacker-controlled: a cell that a
// spreadsheet would read as a formula is prefixed with a single quote (OWASP's CSV-injection advice).

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = neutralizeFormula(typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value, jsonReplacer) : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/** JSON.stringify cannot serialise BigInt; DuckDB hands us BIGINTs as bigint. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString()) : value;
}
