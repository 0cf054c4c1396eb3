import type { FunctionInfo } from '../../../shared/api';

// The Athena (Presto/Trino) functions Cairn gives Athena's meaning, for editor completions and hovers.
// Descriptions are ours and plain text (the editor shows them as text, never HTML).
const PRESTO: Array<[string, string, string]> = [
  ['from_iso8601_timestamp', 'from_iso8601_timestamp(string)', 'Parses an ISO-8601 timestamp (e.g. eventtime) into a timestamp with time zone (UTC).'],
  ['from_iso8601_date', 'from_iso8601_date(string)', 'Parses an ISO-8601 date.'],
  ['to_iso8601', 'to_iso8601(timestamp)', 'Formats a timestamp or date as ISO-8601 text.'],
  ['date_parse', 'date_parse(string, format)', 'Parses text with a MySQL-style format (%Y-%m-%d %H:%i:%s).'],
  ['parse_datetime', 'parse_datetime(string, format)', 'Parses text with a Joda-style format (yyyy-MM-dd HH:mm:ss).'],
  ['date_format', 'date_format(timestamp, format)', 'Formats a timestamp with a MySQL-style format.'],
  ['format_datetime', 'format_datetime(timestamp, format)', 'Formats a timestamp with a Joda-style format.'],
  ['from_unixtime', 'from_unixtime(seconds)', 'Epoch seconds (e.g. VPC flow start/end) to a timestamp (UTC).'],
  ['to_unixtime', 'to_unixtime(timestamp)', 'A timestamp to epoch seconds (double).'],
  ['date_add', "date_add(unit, value, timestamp)", "Adds value units ('second', 'minute', 'hour', 'day', 'week', 'month', 'year') to a timestamp."],
  ['date_diff', "date_diff(unit, timestamp1, timestamp2)", 'Whole units from timestamp1 to timestamp2 (negative when earlier).'],
  ['day_of_week', 'day_of_week(date)', 'ISO day of week: Monday = 1 ... Sunday = 7 (not DuckDB dayofweek).'],
  ['day_of_year', 'day_of_year(date)', 'Day of the year, 1-366.'],
  ['json_extract_scalar', "json_extract_scalar(json, '$.path')", 'The scalar at a JSONPath as text (NULL for objects and arrays).'],
  ['json_extract', "json_extract(json, '$.path')", 'The JSON value at a JSONPath.'],
  ['json_parse', 'json_parse(string)', 'Text to JSON.'],
  ['json_format', 'json_format(json)', 'JSON to text.'],
  ['regexp_like', 'regexp_like(string, pattern)', 'True when the pattern matches anywhere in the string.'],
  ['regexp_extract', 'regexp_extract(string, pattern[, group])', 'The first match (or capture group) of the pattern.'],
  ['regexp_replace', 'regexp_replace(string, pattern[, replacement])', 'Replaces every match; $1 refers to a capture group.'],
  ['split', 'split(string, delimiter)', 'Splits text into an array.'],
  ['split_part', 'split_part(string, delimiter, index)', 'The index-th field (1-based).'],
  ['element_at', 'element_at(array, index)', '1-based element; a negative index counts from the end; NULL when out of range.'],
  ['cardinality', 'cardinality(array)', 'Number of elements.'],
  ['contains', "contains(array, element) | contains('10.0.0.0/8', ip)", 'Array membership, or whether an IP address is inside a CIDR block.'],
  ['array_join', 'array_join(array, delimiter[, null_replacement])', 'Joins array elements into text.'],
  ['array_distinct', 'array_distinct(array)', 'Removes duplicates, keeping first occurrences in order.'],
  ['filter', 'filter(array, x -> predicate)', 'Elements for which the lambda is true.'],
  ['transform', 'transform(array, x -> expression)', 'Applies the lambda to each element.'],
  ['any_match', 'any_match(array, x -> predicate)', 'True when the lambda is true for any element.'],
  ['all_match', 'all_match(array, x -> predicate)', 'True when the lambda is true for every element.'],
  ['approx_distinct', 'approx_distinct(x)', 'Distinct count (Cairn counts exactly).'],
  ['arbitrary', 'arbitrary(x)', 'Any one value of the group.'],
  ['ipaddress', "CAST(x AS IPADDRESS) | IPADDRESS '10.0.0.1'", 'An IPv4 or IPv6 address; compares and sorts by address.'],
];

export const PRESTO_FUNCTIONS: FunctionInfo[] = PRESTO.map(([name, signature, description]) => ({ name, signature, description, dialect: 'presto' }));
