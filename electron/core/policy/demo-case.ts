import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The demo case: bundled public samples, imported once into a case in the user's data folder. */
export function demoCase(dataDir: string, resourcesDir: string) {
  const dir = join(dataDir, 'demo-case');
  return {
    dir,
    create: { name: 'Demo case: 15 public CloudTrail sample files (30 events) and a CSV catalogue of CloudTrail event names', examiner: 'demo' },
    /** Imported only when the case is new: an analyst's later work in it is theirs. */
    needsImport: !existsSync(join(dir, 'case.sqlite')),
    evidence: [join(resourcesDir, 'demo')],
  };
}
