// Bench-only launcher: the real Cairn CLI with the case's configuration lock skipped (see unlock-config.ts).
// The report names this launcher whenever it was used instead of bin/cairn.js.
import { join } from 'node:path';
import { disableConfigLock } from './unlock-config';

disableConfigLock();
require(join(__dirname, '..', '..', 'bin', 'cairn.js'));
