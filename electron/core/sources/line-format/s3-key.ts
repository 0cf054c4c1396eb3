// Account, region and delivery date from the S3 key the evidence kept: AWSLogs/<account>/<service>/<region>/
// YYYY/MM/DD/..., or a file name of the form <account>_<service>_<region>_... . Paths are hints only: the
// values go into columns of their own and never decide anything.

export interface KeyParts { account: string | null; region: string | null; day: string | null }

export function partsFromKey(service: string, ...paths: string[]): KeyParts {
  const tree = new RegExp(`AWSLogs/(?:o-[a-z0-9]+/)?(\\d{12})/${service}/([a-z]{2}(?:-[a-z]+)+-\\d)/(\\d{4})/(\\d{2})/(\\d{2})(?:/|$)`);
  const name = new RegExp(`(?:^|/)(\\d{12})_${service}_([a-z]{2}(?:-[a-z]+)+-\\d)_`);
  for (const p of paths.map((x) => x.replace(/\\/g, '/'))) {
    const m = tree.exec(p);
    if (m) return { account: m[1]!, region: m[2]!, day: validDay(m[3]!, m[4]!, m[5]!) };
  }
  for (const p of paths.map((x) => x.replace(/\\/g, '/'))) {
    const m = name.exec(p);
    if (m) return { account: m[1]!, region: m[2]!, day: null };
  }
  return { account: null, region: null, day: null };
}

/** Athena's partition value `YYYY/MM/DD`, when it is a real date. */
function validDay(y: string, m: string, d: string): string | null {
  const t = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(`${y}-${m}-${d}`) ? `${y}/${m}/${d}` : null;
}
