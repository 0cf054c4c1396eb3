// S3 server access log records: the fields in the order the S3 user guide documents them ("Amazon S3 server
// access log format"), with the Athena user guide's s3_access_logs column names and types. As in Athena's
// RegexSerDe, the quoted fields (request_uri, referrer, useragent) keep their quotes and '-' stays '-'.
import { tokenCheck } from '../line-format/csv-layout';
import { field, TOKEN, type Field, type LineFormat } from '../line-format/pattern';

const { plain } = TOKEN;
/** A double-quoted field with its quotes, or '-' (Athena's `(\"[^\"]*\"|-)`, backslash escapes allowed). */
const quotedKept = '("(?:[^"\\\\]|\\\\.)*"|-)';
/** A quoted field kept with its quotes: to DuckDB's CSV reader, '-' unquoted or a quoted value (decision 0018). */
const keptQuotes = (name: string): Field => ({ ...field(quotedKept, name), csv: { kinds: ['dash-or-quoted'], groups: ['$1'] } });
const TIME = '\\[([0-9]{2}/[A-Za-z]{3}/[0-9]{4}:[0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4})\\]';
/** The bracketed time holds one space: two CSV columns, the brackets dropped. */
const time: Field = { ...field(TIME, 'requestdatetime'), csv: { kinds: ['plain', 'plain'], groups: ["substr($1, 2) || ' ' || left($2, length($2) - 1)"], check: tokenCheck(TIME, 2) } };

export const S3_ACCESS_FORMAT: LineFormat = {
  id: 's3-access',
  label: 'S3 server access log',
  table: 's3_access_logs',
  required: [
    field(plain, 'bucketowner'),
    field(plain, 'bucket_name'),
    time,
    field(plain, 'remoteip'),
    field(plain, 'requester'),
    field(plain, 'requestid'),
    field('([A-Z0-9_.]+|-)', 'operation'),
    field(plain, 'key'),
    keptQuotes('request_uri'),
    field('(-|[0-9]{3})', 'httpstatus'),
    field(plain, 'errorcode'),
    field(plain, 'bytessent', 'BIGINT'),
    field(plain, 'objectsize', 'BIGINT'),
    field(plain, 'totaltime'),
    field(plain, 'turnaroundtime'),
    keptQuotes('referrer'),
    keptQuotes('useragent'),
    field(plain, 'versionid'),
  ],
  // Added 2017-2024; older records stop earlier.
  optional: [
    field(plain, 'hostid'),
    field(plain, 'sigv'),
    field(plain, 'ciphersuite'),
    field(plain, 'authtype'),
    field(plain, 'endpoint'),
    field(plain, 'tlsversion'),
    field(plain, 'accesspointarn'),
    field(plain, 'aclrequired'),
    field(plain, 'sourceregion'),
  ],
  extraColumn: '_unknown_fields',
};
