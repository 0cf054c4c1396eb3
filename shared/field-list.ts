// A field list the analyst gives for log files that do not list their fields (CloudFront real-time logs:
// `cairn import --fields a,b,c`, the workbench's "Import as…"). Checked the same way in the core and the page.

/** The names a comma-separated field list holds, trimmed, empty parts dropped (as the CLI reads --fields). */
export function parseFieldList(text: string): string[] {
  return text.split(',').map((f) => f.trim()).filter((f) => f.length > 0);
}

/** The analyst's field list, or why it cannot be one. */
export function checkFieldList(fields: readonly string[]): string | null {
  if (fields.length === 0) return 'the field list is empty';
  if (new Set(fields).size !== fields.length) return 'the field list names a field twice';
  const bad = fields.find((f) => !/^[a-z0-9][a-z0-9-]{0,63}$/.test(f));
  return bad === undefined ? null : `${JSON.stringify(bad)} is not a field name`;
}

/** The names of a field list that are not among the known ones (their values are kept, not typed: _unknown_fields). */
export function unknownFields(fields: readonly string[], known: readonly string[]): string[] {
  const names = new Set(known);
  return fields.filter((f) => !names.has(f));
}
