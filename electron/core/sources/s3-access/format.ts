// S3 server access log records: the fields in the order the S3 user guide documents them ("Amazon S3 server
// access log format"), with the Athena user guide's s3_access_logs column names and types. As in Athena's
// RegexSerDe, the quoted fields (request_uri, referrer, useragent) keep their quotes and '-' stays '-'.
import { field, TOKEN, type LineFormat } from '../line-format/pattern';

const { plain } = TOKEN;
/** A double-quoted field with its quotes, or '-' (Athena's `(\"[^\"]*\"|-)`, backslash escapes allowed). */
const quotedKept = '("(?:[^"\\\\]|\\\\.)*"|-)';

export const S3_ACCESS_FORMAT: LineFormat = {
  id: 's3-access',
  label: 'S3 server access log',
  table: 's3_access_logs',
  required: [
    field(plain, 'bucketowner'),
    field(plain, 'bucket_name'),
    field('\\[([0-9]{2}/[A-Za-z]{3}/[0-9]{4}:[0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4})\\]', 'requestdatetime'),
    field(plain, 'remoteip'),
    field(plain, 'requester'),
    field(plain, 'requestid'),
    field('([A-Z0-9_.]+|-)', 'operation'),
    field(plain, 'key'),
    field(quotedKept, 'request_uri'),
    field('(-|[0-9]{3})', 'httpstatus'),
    field(plain, 'errorcode'),
    field(plain, 'bytessent', 'BIGINT'),
    field(plain, 'objectsize', 'BIGINT'),
    field(plain, 'totaltime'),
    field(plain, 'turnaroundtime'),
    field(quotedKept, 'referrer'),
    field(quotedKept, 'useragent'),
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
