// Removes dist/ before a build: node --test runs every compiled test it finds, so a moved or deleted test
// would otherwise keep running from its stale .js.
import { rmSync } from 'node:fs';
rmSync('dist', { recursive: true, force: true });
