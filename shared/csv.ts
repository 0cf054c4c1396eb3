// CSV export helpers shared by the CLI and the workbench. Log values are attacker-controlled: a text cell that a
// spreadsheet would read as a formula is prefixed with a single quote (OWASP's CSV-injection advice). Numbers,
// booleans and times are written as they are: `'-5` in an INTEGER column is a changed value, not a safer one.

// Spreadsheets skip leading blanks before a formula and read the full-width forms (U+FF1D/FF0B/FF0D/FF20) as
// the ASCII ones; a leading tab or carriage return is neutralised on its own, as OWASP advises.
const FORMULA_START = /^(?:[\t\r]|[ \t\r\n\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Column types whose values are never text (DuckDB type names, e.g. from QueryColumn.type). BIGINT, HUGEINT
 * and DECIMAL reach here as strings (JSON-safe), so the value's JavaScript type alone cannot tell.
 */
const NOT_TEXT = /^(?:TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(?:\(\d+,\s*\d+\))?|BOOLEAN|DATE|TIME|TIMESTAMP(?:_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE|TIME WITH TIME ZONE|INTERVAL|UUID)$/i;

/** Whether values of a column of this DuckDB type are text a spreadsheet might read as a formula. */
export function isTextType(type: string | undefined): boolean {
  return type === undefined || !NOT_TEXT.test(type.trim());
}

/** One cell. `text` false: the value is a number, boolean or time (by its column type), written as it is. */
export function csvCell(value: unknown, text = true): string {
  if (value === null || value === undefined) return '';
  const plain = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value, jsonReplacer) : String(value);
  const isText = text && (typeof value === 'string' || typeof value === 'object');
  const cell = isText ? neutralizeFormula(plain) : plain;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A row; `types` (the columns' DuckDB types, same order) keeps numbers in numeric columns unchanged. */
export function csvRow(values: unknown[], types?: readonly string[]): string {
  return values.map((v, i) => csvCell(v, isTextType(types?.[i]))).join(',') + '\r\n';
}

/** JSON.stringify cannot serialise BigInt; DuckDB hands us BIGINTs as bigint. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString()) : value;
}
