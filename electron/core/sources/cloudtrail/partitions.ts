/** Partition values Athena setups take from the S3 key of a CloudTrail log file. */
export interface PathPartitions {
  account: string;
  region: string;
  year: string;
  month: string;
  day: string;
}

// AWSLogs/[o-orgid/]<12-digit account>/CloudTrail/<region>/YYYY/MM/DD/<file>
const AWS_LOGS_KEY = /(?:^|\/)AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\//i;

/** Reads the partition values from a path in the AWS delivery layout; null for any other path. */
export function partitionsFromPath(path: string): PathPartitions | null {
  const m = AWS_LOGS_KEY.exec(path.replace(/\\/g, '/'));
  if (!m) return null;
  const [, account, region, year, month, day] = m;
  if (!account || !region || !year || !month || !day) return null;
  return { account, region: region.toLowerCase(), year, month, day };
}

/** The relative path first (what the analyst's folder kept of the S3 key), then the original path. */
export function partitionsForFile(relPath: string, originalPath: string): PathPartitions | null {
  return partitionsFromPath(relPath) ?? partitionsFromPath(originalPath);
}
