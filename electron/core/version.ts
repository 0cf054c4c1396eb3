import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function readToolVersion(): string {
  // dist/electron/core/version.js → package.json three levels up; src layout is the same depth.
  for (const up of ['../../..', '../../../..']) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cairn' && pkg.version) return pkg.version;
    } catch { /* try the next candidate */ }
  }
  return '0.0.0-unknown';
}

export const TOOL_VERSION = readToolVersion();
