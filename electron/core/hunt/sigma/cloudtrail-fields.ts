// Sigma field names of CloudTrail records (as the record spells them) mapped onto the cloudtrail table.
// A field's value is text or NULL; struct and JSON sub-fields are read by JSON path, so a sub-field the
// schema does not name is simply absent (NULL), never a binder error.

const TEXT_COLUMNS = [
  'eventVersion', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'errorCode',
  'errorMessage', 'requestID', 'eventID', 'eventType', 'apiVersion', 'readOnly', 'recipientAccountId', 'sharedEventID',
  'vpcEndpointId', 'vpcEndpointAccountId', 'eventCategory', 'sessionCredentialFromConsole', 'managementEvent',
];
const JSON_COLUMNS = ['requestParameters', 'responseElements', 'additionalEventData', 'serviceEventDetails', 'edgeDeviceDetails', 'insightDetails'];
const STRUCT_COLUMNS = ['userIdentity', 'addendum', 'tlsDetails', 'resources'];

/** A field as SQL: `scalar` is one text value (or NULL); `list`, when set, holds the values found through a JSON array. */
export interface FieldSql { scalar: string; list: string | null }

export class FieldError extends Error {}

const byLower = (names: string[]): Map<string, string> => new Map(names.map((n) => [n.toLowerCase(), n]));
const TEXT = byLower(TEXT_COLUMNS);
const JSON_ = byLower(JSON_COLUMNS);
const STRUCT = byLower(STRUCT_COLUMNS);

/** Maps `eventName`, `userIdentity.arn`, `requestParameters.bucketName`, ... (case-insensitively) to SQL over the table alias t. */
export function cloudTrailField(field: string): FieldSql {
  const [head, ...rest] = field.split('.');
  const key = head!.toLowerCase();
  if (rest.some((s) => !/^[A-Za-z0-9_-]+$/.test(s))) throw new FieldError(`field ${field}: a path segment holds characters Cairn does not map`);
  if (TEXT.has(key)) {
    if (rest.length) throw new FieldError(`field ${field}: ${TEXT.get(key)} has no sub-fields`);
    return { scalar: `t.${key}`, list: null };
  }
  if (JSON_.has(key)) {
    // A whole JSON field: a JSON string is its text, anything else its JSON text.
    if (!rest.length) return { scalar: `CASE WHEN json_type(t.${key}) = 'VARCHAR' THEN json_extract_string(t.${key}, '$') ELSE CAST(t.${key} AS VARCHAR) END`, list: null };
    return jsonPath(`t.${key}`, rest);
  }
  if (STRUCT.has(key)) {
    // Struct field names are the lower-cased record keys (schema.sql); to_json keeps them.
    const col = `to_json(t.${key})`;
    if (!rest.length) return { scalar: `CAST(${col} AS VARCHAR)`, list: null };
    return { scalar: `json_extract_string(${col}, ${literal(`$.${rest.map((s) => s.toLowerCase()).join('.')}`)})`, list: null };
  }
  throw new FieldError(`field ${field} is not a field of CloudTrail records`);
}

/**
 * A JSON sub-field: the path as written, else the path in the lower-cased document (record key casing varies:
 * ConsoleLogin / consoleLogin); a path whose first step is an array is also searched in every element.
 */
function jsonPath(col: string, segs: string[]): FieldSql {
  const exact = `$.${segs.join('.')}`;
  const lower = exact.toLowerCase();
  const scalar = `coalesce(json_extract_string(${col}, ${literal(exact)}), json_extract_string(lower(CAST(${col} AS VARCHAR)), ${literal(lower)}))`;
  const list = segs.length > 1 ? `json_extract_string(${col}, ${literal(`$.${segs[0]}[*].${segs.slice(1).join('.')}`)})` : null;
  return { scalar, list };
}

export const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;
