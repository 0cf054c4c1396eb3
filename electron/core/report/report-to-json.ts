import { jsonReplacer } from '../../../shared/csv';
import type { ReportModel } from '../../../shared/report';

/**
 * The report model as JSON (docs/report-schema.json). Every character outside printable ASCII is written
 * as a \uXXXX escape: the values parse back exactly (snapshot hashes still verify), but the file itself
 * shows no bidi overrides, zero-width characters or terminal escapes to whoever opens it as text.
 */
export function renderJson(model: ReportModel): string {
  return asciiOnly(JSON.stringify(model, jsonReplacer, 2)) + '\n';
}

export function asciiOnly(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
